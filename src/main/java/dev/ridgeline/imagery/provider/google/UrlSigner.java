package dev.ridgeline.imagery.provider.google;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Google Maps Platform URL signing: HMAC-SHA1 of the path and query (already encoded, key included) under the
 * URL-safe Base64 secret, appended URL-safe as {@code signature}. Nothing may re-encode the URL afterwards.
 */
final class UrlSigner {

    private final byte[] key;

    UrlSigner(String urlSafeSecret) {
        this.key = Base64.getUrlDecoder().decode(urlSafeSecret.strip());
    }

    /** The signature of a URL's path and query. */
    String signature(String pathAndQuery) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return Base64.getUrlEncoder().encodeToString(mac.doFinal(pathAndQuery.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The URL with its {@code signature} appended. */
    String sign(String url) {
        URI uri = URI.create(url);
        String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return url + "&signature=" + signature(pathAndQuery);
    }
}

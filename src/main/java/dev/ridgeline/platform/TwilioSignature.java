package dev.ridgeline.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * X-Twilio-Signature: Base64 of HMAC-SHA1, keyed with the account's auth token, over the full URL Twilio requested
 * (query string included) followed by every POST parameter's name and value, names in ordinal order. Every
 * parameter received is signed, not a fixed list: Twilio adds parameters without notice.
 */
public final class TwilioSignature {

    private TwilioSignature() {
    }

    public static String sign(String authToken, String url, Map<String, List<String>> postParams) {
        StringBuilder data = new StringBuilder(url);
        List<String> names = new ArrayList<>(postParams.keySet());
        names.sort(null);
        for (String name : names) {
            List<String> values = new ArrayList<>(postParams.get(name));
            values.sort(null);
            for (String value : values) {
                data.append(name).append(value == null ? "" : value);
            }
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    /** Whether the header matches, compared in constant time; a missing header never does. */
    public static boolean valid(String authToken, String url, Map<String, List<String>> postParams,
            @Nullable String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        byte[] expected = sign(authToken, url, postParams).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII));
    }

    /** The form parameters of the body: the request's parameters less those of the query string. */
    public static Map<String, List<String>> bodyParameters(jakarta.servlet.http.HttpServletRequest request) {
        Map<String, List<String>> all = new java.util.LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> all.put(k, new ArrayList<>(List.of(v))));
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                List<String> values = all.get(name);
                if (values != null) {
                    values.remove(value);
                    if (values.isEmpty()) {
                        all.remove(name);
                    }
                }
            }
        }
        return all;
    }
}

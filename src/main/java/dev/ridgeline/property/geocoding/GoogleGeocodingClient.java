package dev.ridgeline.property.geocoding;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ridgeline.connections.ProviderAccount;

/**
 * Calls Google's Geocoding API for one account: the key, and when a signing secret is set, a URL signature
 * (HMAC-SHA1 over path and query with the web-safe base64 secret, web-safe base64).
 */
@Component
class GoogleGeocodingClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final GeocodingProperties settings;
    private final RestClient http;

    GoogleGeocodingClient(GeocodingProperties settings, UserAgent agent) {
        this.settings = settings;
        this.http = Http.client(settings.googleUrl(), settings.timeout(), agent.value());
    }

    JsonNode geocode(ProviderAccount account, String address) {
        String key = account.requireSecret("apiKey").reveal();
        String pathAndQuery = UriComponentsBuilder.fromPath("/maps/api/geocode/json").queryParam("address", address)
                .queryParam("components", "country:US").queryParam("key", key).encode().build().toUriString();
        Optional<String> secret = account.secret("signingSecret").map(s -> s.reveal());
        if (secret.isPresent()) {
            pathAndQuery += "&signature=" + sign(pathAndQuery, secret.get());
        }
        try {
            String body = http.get().uri(URI.create(settings.googleUrl() + pathAndQuery)).retrieve().body(String.class);
            return JSON.readTree(body == null ? "{}" : body);
        } catch (RestClientException e) {
            throw new GeocodingProvider.GeocodingException("Google did not answer: " + e.getMessage(), e);
        }
    }

    /** Google's URL signature: HMAC-SHA1 of the path and query with the web-safe base64 secret, web-safe base64. */
    static String sign(String pathAndQuery, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(Base64.getUrlDecoder().decode(secret), "HmacSHA1"));
            return Base64.getUrlEncoder().encodeToString(mac.doFinal(pathAndQuery.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new GeocodingProvider.GeocodingException("the URL signing secret is not a web-safe base64 key");
        }
    }
}

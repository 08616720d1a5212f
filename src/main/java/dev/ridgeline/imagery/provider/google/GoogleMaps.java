package dev.ridgeline.imagery.provider.google;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.imagery.ImageryException;
import dev.ridgeline.imagery.ImageryProperties;
import dev.ridgeline.imagery.internal.ImageryAccounts;
import dev.ridgeline.imagery.internal.ImageryHttp;
import dev.ridgeline.platform.TenantId;

/**
 * What Google's two imagery sources share: the company's Maps Platform connection (an API key, optionally a URL
 * signing secret), signed GETs, and the status words of the JSON answers.
 */
@Component
public class GoogleMaps {

    public static final String PROVIDER = "google-maps";
    private final ImageryProperties settings;
    private final ImageryHttp http;
    private final ImageryAccounts accounts;
    private final JsonMapper json = JsonMapper.builder().build();

    GoogleMaps(ImageryProperties settings, ImageryHttp http, ImageryAccounts accounts) {
        this.settings = settings;
        this.http = http;
        this.accounts = accounts;
    }

    boolean configured(TenantId tenant) {
        return settings.online() && accounts.account(tenant, PROVIDER).isPresent();
    }

    Optional<ProviderAccount> account(TenantId tenant) {
        return accounts.account(tenant, PROVIDER);
    }

    /** GETs a Maps API path with the key (and signature when a secret is set). */
    ImageryHttp.Answer get(String source, ProviderAccount account, String pathAndQuery) {
        String url = settings.googleUrl() + pathAndQuery + "&key="
                + URLEncoder.encode(account.requireSecret("apiKey").reveal(), StandardCharsets.UTF_8);
        Optional<String> secret = account.secret("signingSecret").map(s -> s.reveal()).filter(s -> !s.isBlank());
        if (secret.isPresent()) {
            url = new UrlSigner(secret.get()).sign(url);
        }
        return http.get(source, url);
    }

    JsonNode json(String source, ImageryHttp.Answer a) {
        ImageryHttp.ok(source, a);
        try {
            return json.readTree(a.body());
        } catch (JacksonException e) {
            throw new ImageryException(source, ImageryException.Kind.BAD_ANSWER, "answered something that is not JSON");
        }
    }

    /** The exception a JSON status word that is not OK or ZERO_RESULTS means. */
    static ImageryException failure(String source, JsonNode answer) {
        String status = answer.path("status").asString("");
        String why = answer.path("error_message").asString("");
        ImageryException.Kind kind = switch (status) {
            case "OVER_QUERY_LIMIT", "OVER_DAILY_LIMIT" -> ImageryException.Kind.QUOTA;
            case "REQUEST_DENIED" -> ImageryException.Kind.DENIED;
            case "INVALID_REQUEST" -> ImageryException.Kind.BAD_ANSWER;
            default -> ImageryException.Kind.UNAVAILABLE;
        };
        return new ImageryException(source, kind, "answered " + status + (why.isEmpty() ? "" : ": " + why));
    }
}

package dev.ridgeline.outreach.provider.telnyx;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.outreach.FailureClass;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.ProviderException;
import dev.ridgeline.outreach.ProviderReceipt;
import dev.ridgeline.outreach.SmsEnvelope;
import dev.ridgeline.outreach.SmsProvider;
import dev.ridgeline.outreach.provider.MediaDownload;
import dev.ridgeline.platform.PlatformProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Texts through Telnyx's v2 Messages API ({@code POST /v2/messages}, Bearer API key, JSON), from the connection's
 * number or messaging profile, with a per-message webhook to this server. 40300 (blocked after the person texted
 * STOP) is an opt-out, 40001 (not routable, a landline) an unusable number, 429 and 5xx are tried again later.
 */
@Component
class TelnyxSmsProvider implements SmsProvider {

    static final String ID = "telnyx";
    static final Set<String> PERMANENT_CODES = Set.of("40001", "40003", "40004", "40008", "40009", "40300", "40310",
            "10001", "10002", "10004", "10005", "10007", "40002");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String publicUrl;

    TelnyxSmsProvider(PlatformProperties platform) {
        this.publicUrl = platform.publicUrl().replaceAll("/+$", "");
    }

    @Override
    public String id() {
        return ID;
    }

    static String baseUrl(ProviderAccount account) {
        return account.setting("baseUrl").orElse("https://api.telnyx.com").replaceAll("/+$", "");
    }

    @Override
    public ProviderReceipt send(SmsEnvelope sms, ProviderAccount account) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (account.setting("messagingProfileId").isPresent()) {
            body.put("messaging_profile_id", account.setting("messagingProfileId").get());
        }
        if (sms.from() != null) {
            body.put("from", sms.from());
        } else if (account.setting("messagingProfileId").isEmpty()) {
            throw new ProviderException(FailureClass.PERMANENT, "config", "The Telnyx connection needs a From number "
                    + "or a messaging profile id");
        }
        body.put("to", sms.to());
        body.put("text", sms.body());
        body.put("webhook_url", publicUrl + "/hooks/telnyx/" + account.tenantId());
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl(account) + "/v2/messages"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + account.requireSecret("apiKey").reveal())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProviderException(FailureClass.RETRYABLE, "unreachable", "Telnyx could not be reached: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(FailureClass.RETRYABLE, "interrupted", "interrupted sending to Telnyx", e);
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body().isBlank() ? "{}" : response.body());
        } catch (RuntimeException e) {
            answer = json.createObjectNode();
        }
        if (response.statusCode() >= 200 && response.statusCode() < 300) {
            JsonNode data = answer.path("data");
            String id = data.path("id").asString("");
            if (id.isEmpty()) {
                throw new ProviderException(FailureClass.RETRYABLE, "bad-answer", "Telnyx accepted the text but "
                        + "answered no id");
            }
            int parts = data.path("parts").asInt(0);
            return new ProviderReceipt(id, MessageStatus.SENDING, parts == 0 ? null : parts);
        }
        JsonNode error = answer.path("errors").path(0);
        String code = error.path("code").asString(String.valueOf(response.statusCode()));
        String detail = error.path("detail").asString(error.path("title").asString(""));
        boolean passing = response.statusCode() == 429 || response.statusCode() >= 500 || "40011".equals(code);
        FailureClass fc = passing ? FailureClass.RETRYABLE : FailureClass.PERMANENT;
        throw new ProviderException(fc, code, "Telnyx " + response.statusCode() + " " + code + ": " + detail);
    }

    /**
     * Telnyx hands inbound media out as short-lived public https links (no credentials needed, none sent); plain
     * http is refused except under the connection's own API address (a test double).
     */
    @Override
    public FetchedMedia fetchMedia(String url, ProviderAccount account, int maxBytes) {
        if (!url.startsWith("https://") && !url.startsWith(baseUrl(account) + "/")) {
            throw new ProviderException(FailureClass.PERMANENT, "bad-url", "Telnyx media address '" + url
                    + "' is not https");
        }
        return MediaDownload.get("Telnyx", url, null, "application/octet-stream", maxBytes);
    }
}

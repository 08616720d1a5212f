package dev.ridgeline.outreach.provider.twilio;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
 * Texts through Twilio Programmable Messaging: {@code POST /2010-04-01/Accounts/{sid}/Messages.json} from the
 * connection's number or Messaging Service, with a status callback to this server. Twilio's error codes are kept:
 * 21610 (the person texted STOP to Twilio) and the invalid-number codes become phone blocks, 20429 and HTTP 429/5xx
 * are tried again later.
 */
@Component
class TwilioSmsProvider implements SmsProvider {

    static final String ID = "twilio";
    /** Errors after which the same text will never go to that number. */
    static final Set<String> PERMANENT_CODES = Set.of("21211", "21214", "21217", "21407", "21408", "21606", "21610",
            "21612", "21614", "21635", "20003", "20404", "21659", "21702", "21703", "30007");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String publicUrl;

    TwilioSmsProvider(PlatformProperties platform) {
        this.publicUrl = platform.publicUrl().replaceAll("/+$", "");
    }

    @Override
    public String id() {
        return ID;
    }

    static String baseUrl(ProviderAccount account) {
        return account.setting("baseUrl").orElse("https://api.twilio.com").replaceAll("/+$", "");
    }

    /**
     * A form POST to the account's Twilio API with its credentials; a network failure or interruption is a
     * retryable {@link ProviderException} ({@code doing} says what was being done).
     */
    static HttpResponse<String> post(HttpClient http, ProviderAccount account, String path, Map<String, String> fields,
            String doing) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl(account) + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", authorization(account))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProviderException(FailureClass.RETRYABLE, "unreachable", "Twilio could not be reached: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(FailureClass.RETRYABLE, "interrupted", "interrupted " + doing, e);
        }
    }

    /** Basic credentials: an API key (SK...) and its secret when set, else the account SID and auth token. */
    static String authorization(ProviderAccount account) {
        String user = account.setting("apiKeySid").orElse(account.setting("accountSid").orElse(""));
        String password = account.setting("apiKeySid").isPresent()
                ? account.requireSecret("apiKeySecret").reveal() : account.requireSecret("authToken").reveal();
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public ProviderReceipt send(SmsEnvelope sms, ProviderAccount account) {
        String sid = account.setting("accountSid").orElseThrow(() -> new ProviderException(FailureClass.PERMANENT,
                "config", "The Twilio connection has no account SID"));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", sms.to());
        if (account.setting("messagingServiceSid").isPresent()) {
            form.put("MessagingServiceSid", account.setting("messagingServiceSid").get());
        } else if (sms.from() != null) {
            form.put("From", sms.from());
        } else {
            throw new ProviderException(FailureClass.PERMANENT, "config", "The Twilio connection needs a From number "
                    + "or a Messaging Service SID");
        }
        form.put("Body", sms.body());
        // A fixed path with the company in the query: routed by a direct lookup, not by matching every pattern.
        form.put("StatusCallback", publicUrl + "/hooks/twilio/status?company=" + account.tenantId());
        HttpResponse<String> response = post(http, account, "/2010-04-01/Accounts/" + sid + "/Messages.json", form,
                "sending to Twilio");
        JsonNode body = parse(response.body());
        if (response.statusCode() == 200 || response.statusCode() == 201) {
            String messageSid = body.path("sid").asString("");
            if (messageSid.isEmpty()) {
                throw new ProviderException(FailureClass.RETRYABLE, "bad-answer", "Twilio accepted the text but "
                        + "answered no sid");
            }
            String segments = body.path("num_segments").asString("0");
            int n = segments.matches("\\d+") ? Integer.parseInt(segments) : 0;
            return new ProviderReceipt(messageSid, MessageStatus.SENDING, n == 0 ? null : n);
        }
        String code = body.path("code").isMissingNode() || body.path("code").isNull() ? String.valueOf(response.statusCode())
                : body.path("code").asString();
        String message = body.path("message").asString(response.body().length() > 200
                ? response.body().substring(0, 200) : response.body());
        boolean passing = response.statusCode() == 429 || response.statusCode() >= 500 || "20429".equals(code);
        FailureClass failureClass = passing || !PERMANENT_CODES.contains(code) && response.statusCode() != 400
                ? FailureClass.RETRYABLE : FailureClass.PERMANENT;
        throw new ProviderException(failureClass, code, "Twilio " + response.statusCode() + " " + code + ": " + message);
    }

    /**
     * Twilio's media URLs live under the account's API address and may need its credentials (HTTP Basic auth for
     * media); they answer with a redirect to the content, followed without them. Any other address is refused, so
     * the credentials go nowhere else.
     */
    @Override
    public FetchedMedia fetchMedia(String url, ProviderAccount account, int maxBytes) {
        String prefix = baseUrl(account) + "/2010-04-01/Accounts/";
        if (!url.startsWith(prefix)) {
            throw new ProviderException(FailureClass.PERMANENT, "not-twilio", "Twilio media address '" + url
                    + "' is not under " + prefix);
        }
        return MediaDownload.get("Twilio", url, authorization(account), "application/octet-stream", maxBytes);
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body.isBlank() ? "{}" : body);
        } catch (RuntimeException e) {
            return json.createObjectNode();
        }
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}

package dev.ridgeline.outreach.provider.sendgrid;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.outreach.EmailEnvelope;
import dev.ridgeline.outreach.EmailProvider;
import dev.ridgeline.outreach.FailureClass;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.ProviderException;
import dev.ridgeline.outreach.ProviderReceipt;

/**
 * SendGrid v3 {@code POST /v3/mail/send}: one personalization, plain text, our headers (List-Unsubscribe and
 * List-Unsubscribe-Post among them), and our message id as a custom argument, which every event of the Event
 * Webhook carries back. SendGrid's own click, open and subscription tracking are switched off: the platform tracks
 * and unsubscribes itself, the same way on every provider. Success is 202 with the X-Message-Id header.
 */
@Component
public class SendGridEmailProvider implements EmailProvider {

    public static final String ID = "sendgrid";
    /** The custom argument that names our message in every event. */
    static final String MESSAGE_ARG = "ridgeline_message_id";
    static final String DEFAULT_BASE_URL = "https://api.sendgrid.com";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ProviderReceipt send(EmailEnvelope email, ProviderAccount account) {
        String key = account.secret("apiKey").map(s -> s.reveal()).orElseThrow(() -> new ProviderException(
                FailureClass.PERMANENT, "config", "The SendGrid connection has no API key"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl(account) + "/v3/mail/send"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body(email))))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProviderException(FailureClass.RETRYABLE, "network", "SendGrid could not be reached: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(FailureClass.RETRYABLE, "interrupted", "interrupted while sending", e);
        }
        int status = response.statusCode();
        if (status == 202 || status == 200) {
            String id = response.headers().firstValue("X-Message-Id").orElse(null);
            if (id == null || id.isBlank()) {
                throw new ProviderException(FailureClass.RETRYABLE, "no-message-id",
                        "SendGrid accepted the message without an X-Message-Id");
            }
            return new ProviderReceipt(id, MessageStatus.SENT, null);
        }
        String why = errors(response.body());
        throw switch (status) {
            case 400 -> new ProviderException(FailureClass.PERMANENT, "400", "SendGrid refused the message: " + why);
            case 401 -> new ProviderException(FailureClass.PERMANENT, "auth", "SendGrid refused the API key");
            case 403 -> new ProviderException(FailureClass.PERMANENT, "forbidden",
                    "SendGrid refused this sender (is the sender identity verified?): " + why);
            case 413 -> new ProviderException(FailureClass.PERMANENT, "too-large", "The message is too large for SendGrid");
            case 429 -> new ProviderException(FailureClass.RETRYABLE, "429", "SendGrid rate limit; retry after "
                    + response.headers().firstValue("Retry-After").orElse("a while") + " s");
            default -> status >= 500
                    ? new ProviderException(FailureClass.RETRYABLE, String.valueOf(status), "SendGrid is unavailable ("
                            + status + ")")
                    : new ProviderException(FailureClass.PERMANENT, String.valueOf(status), "SendGrid answered "
                            + status + ": " + why);
        };
    }

    static String baseUrl(ProviderAccount account) {
        return account.setting("baseUrl").orElse(DEFAULT_BASE_URL).replaceAll("/+$", "");
    }

    static ObjectNode body(EmailEnvelope email) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode personalization = root.putArray("personalizations").addObject();
        personalization.putArray("to").addObject().put("email", email.to());
        personalization.putObject("custom_args").put(MESSAGE_ARG, email.messageId().toString());
        ObjectNode from = root.putObject("from").put("email", email.fromAddress());
        if (email.fromName() != null) {
            from.put("name", email.fromName());
        }
        root.put("subject", email.subject());
        ArrayNode content = root.putArray("content");
        content.addObject().put("type", "text/plain").put("value", email.textBody());
        if (email.htmlBody() != null) {
            // SendGrid wants text/plain before text/html.
            content.addObject().put("type", "text/html").put("value", email.htmlBody());
        }
        if (!email.headers().isEmpty()) {
            ObjectNode headers = root.putObject("headers");
            for (Map.Entry<String, String> h : email.headers().entrySet()) {
                headers.put(h.getKey(), h.getValue());
            }
        }
        ObjectNode tracking = root.putObject("tracking_settings");
        tracking.putObject("click_tracking").put("enable", false);
        tracking.putObject("open_tracking").put("enable", false);
        tracking.putObject("subscription_tracking").put("enable", false);
        return root;
    }

    /** SendGrid's {"errors":[{"message","field"}]}, in a line. */
    private static String errors(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            StringBuilder out = new StringBuilder();
            for (JsonNode e : root.path("errors")) {
                if (!out.isEmpty()) {
                    out.append("; ");
                }
                out.append(e.path("message").asString(""));
                if (e.hasNonNull("field")) {
                    out.append(" (").append(e.path("field").asString("")).append(')');
                }
            }
            return out.isEmpty() ? body : out.toString();
        } catch (RuntimeException e) {
            return body == null ? "" : body.substring(0, Math.min(200, body.length()));
        }
    }
}

package dev.ridgeline.outreach.provider.telnyx;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.outreach.FailureClass;
import dev.ridgeline.outreach.InboundMedia;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.OutreachService;
import dev.ridgeline.outreach.SmsInbox;
import dev.ridgeline.outreach.internal.EmailEventRepository;
import dev.ridgeline.platform.TenantId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where Telnyx posts messaging events: {@code /hooks/telnyx/{company id}}. The raw body is checked against the
 * account's Ed25519 key and the five-minute window before anything is read; {@code message.sent} and
 * {@code message.finalized} move the text's status, {@code message.received} is an inbound text. An event Telnyx
 * delivers again is applied once, by its id.
 */
@RestController
class TelnyxWebhooks {

    private static final Logger log = LoggerFactory.getLogger(TelnyxWebhooks.class);
    private static final dev.ridgeline.platform.ThrottledWarnings refusals =
            new dev.ridgeline.platform.ThrottledWarnings(log);

    private final ConnectionsService connections;
    private final OutreachService outreach;
    private final SmsInbox inbox;
    private final EmailEventRepository applied;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    TelnyxWebhooks(ConnectionsService connections, OutreachService outreach, SmsInbox inbox,
            EmailEventRepository applied, Clock clock) {
        this.connections = connections;
        this.outreach = outreach;
        this.inbox = inbox;
        this.applied = applied;
        this.clock = clock;
    }

    @PostMapping(value = "/hooks/telnyx/{tenant}", consumes = MediaType.ALL_VALUE)
    @Transactional
    ResponseEntity<String> receive(@PathVariable String tenant,
            @RequestHeader(name = "telnyx-timestamp", required = false) @Nullable String timestamp,
            @RequestHeader(name = "telnyx-signature-ed25519", required = false) @Nullable String signature,
            @RequestBody(required = false) byte @Nullable [] body) {
        TenantId id;
        try {
            id = new TenantId(UUID.fromString(tenant));
        } catch (IllegalArgumentException e) {
            return text(404, "unknown company");
        }
        ProviderAccount account = connections.activeAccount(id, ConnectionType.SMS);
        if (!TelnyxSmsProvider.ID.equals(account.providerId())) {
            return text(404, "no active Telnyx connection for this company");
        }
        byte[] raw = body == null ? new byte[0] : body;
        String refused;
        try {
            refused = TelnyxSignature.refusal(TelnyxSignature.publicKey(account.setting("webhookPublicKey").orElse("")),
                    timestamp, signature, raw, clock.instant());
        } catch (IllegalArgumentException e) {
            refused = "the connection's public key is unusable: " + e.getMessage();
        }
        if (refused != null) {
            refusals.warn(id, "Refused a Telnyx webhook for {}: {}", id, refused);
            return text(401, refused);
        }
        JsonNode data = json.readTree(new String(raw, StandardCharsets.UTF_8)).path("data");
        String eventId = data.path("id").asString("");
        if (eventId.isEmpty()) {
            return text(400, "no event id");
        }
        if (!applied.firstSight(TelnyxSmsProvider.ID, eventId, clock.instant())) {
            return text(200, "duplicate");
        }
        JsonNode payload = data.path("payload");
        String type = data.path("event_type").asString("");
        return switch (type) {
            case "message.received" -> {
                List<InboundMedia> media = new ArrayList<>();
                for (JsonNode m : payload.path("media")) {
                    String url = m.path("url").asString("");
                    if (!url.isBlank()) {
                        media.add(new InboundMedia(m.path("content_type").asString(""), url));
                    }
                }
                var received = inbox.receive(id, payload.path("from").path("phone_number").asString(""),
                        payload.path("text").asString(""), media, payload.path("id").asString(null), "telnyx");
                yield text(200, received.duplicate() ? "duplicate" : "received");
            }
            case "message.sent", "message.finalized" -> {
                JsonNode to = payload.path("to").path(0);
                String status = to.path("status").asString("").toLowerCase(Locale.ROOT);
                MessageStatus ours = switch (status) {
                    case "queued", "sending" -> MessageStatus.SENDING;
                    case "sent" -> MessageStatus.SENT;
                    case "delivered" -> MessageStatus.DELIVERED;
                    case "delivery_failed", "delivery_unconfirmed" -> MessageStatus.UNDELIVERED;
                    case "sending_failed" -> MessageStatus.FAILED;
                    default -> null;
                };
                if (ours == null) {
                    yield text(200, "ignored status " + status);
                }
                JsonNode error = payload.path("errors").path(0);
                String code = error.isMissingNode() ? null : error.path("code").asString(null);
                FailureClass fc = ours.failed() ? (code != null && TelnyxSmsProvider.PERMANENT_CODES.contains(code)
                        ? FailureClass.PERMANENT : FailureClass.RETRYABLE) : null;
                boolean moved = outreach.recordStatus(TelnyxSmsProvider.ID, payload.path("id").asString(""), ours, fc,
                        code, "Telnyx: " + status + (code == null ? "" : ", error " + code + " "
                                + error.path("title").asString("")));
                yield text(200, moved ? "applied" : "unchanged");
            }
            default -> text(200, "ignored " + type);
        };
    }

    private static ResponseEntity<String> text(int status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(message + "\n");
    }
}

package dev.ridgeline.outreach.provider.sendgrid;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.outreach.EmailSuppressions;
import dev.ridgeline.outreach.FailureClass;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.OutboundMessage;
import dev.ridgeline.outreach.OutreachService;
import dev.ridgeline.outreach.SuppressionReason;
import dev.ridgeline.outreach.internal.EmailEventRepository;
import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.TenantId;

/**
 * SendGrid's signed Event Webhook. Nothing in a request is believed before its ECDSA P-256 signature over the
 * timestamp header followed by the exact body bytes verifies with the company's verification key, and the timestamp
 * is within five minutes. Each event names our message by the custom argument we sent; redelivered events (the
 * same sg_event_id) are applied once.
 */
@Component
public class SendGridEvents {

    private static final Logger log = LoggerFactory.getLogger(SendGridEvents.class);
    private static final dev.ridgeline.platform.ThrottledWarnings refusals =
            new dev.ridgeline.platform.ThrottledWarnings(log);
    static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Why a delivery was refused, or what it did. */
    public record Outcome(int status, String message, int applied, int duplicates, int ignored) {
    }

    private final ConnectionsService connections;
    private final OutreachService outreach;
    private final EmailSuppressions suppressions;
    private final EmailEventRepository events;
    private final IdGenerator ids;
    private final Clock clock;

    SendGridEvents(ConnectionsService connections, OutreachService outreach, EmailSuppressions suppressions,
            EmailEventRepository events, IdGenerator ids, Clock clock) {
        this.connections = connections;
        this.outreach = outreach;
        this.suppressions = suppressions;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    /** The verification key as SendGrid shows it: base64 of a DER SubjectPublicKeyInfo, no PEM armour. */
    public static PublicKey publicKey(String base64) {
        try {
            String clean = base64.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(clean)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Event Webhook verification key: not a base64 EC public key");
        }
    }

    /** SendGrid's check: SHA256withECDSA over timestamp + body, the signature base64 DER. */
    public static boolean verify(PublicKey key, String timestamp, byte[] body, String signature) {
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initVerify(key);
            ecdsa.update(timestamp.getBytes(StandardCharsets.UTF_8));
            ecdsa.update(body);
            return ecdsa.verify(Base64.getDecoder().decode(signature.strip()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Transactional
    public Outcome receive(TenantId tenant, @Nullable String timestamp, @Nullable String signature, byte[] body) {
        var sendGrid = connections.activeAccounts(tenant, ConnectionType.EMAIL).stream()
                .filter(a -> SendGridEmailProvider.ID.equals(a.providerId())).findFirst();
        if (sendGrid.isEmpty()) {
            return new Outcome(404, "no active SendGrid connection for this company", 0, 0, 0);
        }
        ProviderAccount account = sendGrid.get();
        if (timestamp == null || signature == null) {
            return new Outcome(401, "unsigned: the Signed Event Webhook must be on", 0, 0, 0);
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return new Outcome(401, "bad timestamp", 0, 0, 0);
        }
        Instant sent = Instant.ofEpochSecond(seconds);
        if (Duration.between(sent, clock.instant()).abs().compareTo(REPLAY_WINDOW) > 0) {
            return new Outcome(401, "timestamp outside the 5-minute window", 0, 0, 0);
        }
        PublicKey key;
        try {
            key = publicKey(account.setting("webhookPublicKey").orElse(""));
        } catch (IllegalArgumentException e) {
            return new Outcome(500, e.getMessage(), 0, 0, 0);
        }
        if (!verify(key, timestamp.strip(), body, signature)) {
            refusals.warn(tenant, "SendGrid event delivery for {} with a bad signature refused", tenant);
            return new Outcome(401, "bad signature", 0, 0, 0);
        }
        JsonNode array;
        try {
            array = JSON.readTree(body);
        } catch (RuntimeException e) {
            return new Outcome(400, "body is not JSON", 0, 0, 0);
        }
        if (!array.isArray()) {
            return new Outcome(400, "body is not a JSON array of events", 0, 0, 0);
        }
        int applied = 0;
        int duplicates = 0;
        int ignored = 0;
        for (JsonNode e : array) {
            String eventId = e.path("sg_event_id").asString("");
            if (!eventId.isEmpty() && !events.firstSight(SendGridEmailProvider.ID, eventId, clock.instant())) {
                duplicates++;
                continue;
            }
            if (apply(tenant, e)) {
                applied++;
            } else {
                ignored++;
            }
        }
        return new Outcome(200, "ok", applied, duplicates, ignored);
    }

    private boolean apply(TenantId tenant, JsonNode e) {
        UUID messageId;
        try {
            messageId = UUID.fromString(e.path(SendGridEmailProvider.MESSAGE_ARG).asString(""));
        } catch (IllegalArgumentException x) {
            return false;
        }
        OutboundMessage m = outreach.find(tenant, messageId).orElse(null);
        if (m == null || m.vendorId() == null) {
            return false;
        }
        String address = e.path("email").asString(m.to());
        String type = e.path("event").asString("").toLowerCase(Locale.ROOT);
        Instant at = e.hasNonNull("timestamp") ? Instant.ofEpochSecond(e.path("timestamp").asLong()) : clock.instant();
        switch (type) {
            case "delivered" -> outreach.recordStatus(SendGridEmailProvider.ID, m.vendorId(), MessageStatus.DELIVERED,
                    null, null, e.path("response").asString(null));
            case "bounce" -> {
                boolean hard = !"blocked".equals(e.path("type").asString("bounce"));
                String status = e.path("status").asString(null);
                String reason = e.path("reason").asString(null);
                // Recorded, counted and (when hard) suppressed by the status change itself.
                outreach.recordStatus(SendGridEmailProvider.ID, m.vendorId(), MessageStatus.BOUNCED,
                        hard ? FailureClass.PERMANENT : FailureClass.RETRYABLE, status, reason);
            }
            case "dropped" -> {
                String reason = e.path("reason").asString("");
                SuppressionReason why = reason.contains("Unsubscribed") ? SuppressionReason.UNSUBSCRIBED
                        : reason.contains("Spam") ? SuppressionReason.COMPLAINT
                                : reason.contains("Bounced") || reason.equals("Invalid") ? SuppressionReason.HARD_BOUNCE
                                        : null;
                if (why != null) {
                    suppressions.suppress(tenant, address, why, "sendgrid", "dropped: " + reason, messageId);
                }
                outreach.recordStatus(SendGridEmailProvider.ID, m.vendorId(), MessageStatus.FAILED,
                        FailureClass.PERMANENT, "dropped", reason);
            }
            case "spamreport" -> suppressions.recordProviderFailure(tenant, messageId, address, null, false, true,
                    "spam report", "sendgrid");
            case "unsubscribe", "group_unsubscribe" -> suppressions.suppress(tenant, address,
                    SuppressionReason.UNSUBSCRIBED, "sendgrid", type, messageId);
            case "open" -> events.insert(tenant, ids.next(), messageId, "OPEN",
                    e.path("sg_machine_open").asBoolean(false), null, e.path("useragent").asString(null), "sendgrid",
                    at);
            case "click" -> events.insert(tenant, ids.next(), messageId, "CLICK", false, e.path("url").asString(null),
                    e.path("useragent").asString(null), "sendgrid", at);
            default -> {
                return false;
            }
        }
        return true;
    }
}

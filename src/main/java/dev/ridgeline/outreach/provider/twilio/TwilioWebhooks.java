package dev.ridgeline.outreach.provider.twilio;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.platform.TwilioSignature;
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

/**
 * What Twilio posts back: delivery reports and inbound texts. Nothing is believed before the signature checks out
 * against the company's auth token; a report or text Twilio delivers again (it retries) is applied once, by its
 * MessageSid (and status).
 */
@Component
class TwilioWebhooks {

    private static final Logger log = LoggerFactory.getLogger(TwilioWebhooks.class);
    private static final dev.ridgeline.platform.ThrottledWarnings refusals =
            new dev.ridgeline.platform.ThrottledWarnings(log);

    /** The answer: an HTTP status and a line for the body. */
    record Outcome(int status, String message) {
    }

    private final ConnectionsService connections;
    private final OutreachService outreach;
    private final SmsInbox inbox;
    private final EmailEventRepository applied;
    private final java.time.Clock clock;

    TwilioWebhooks(ConnectionsService connections, OutreachService outreach, SmsInbox inbox,
            EmailEventRepository applied, java.time.Clock clock) {
        this.clock = clock;
        this.connections = connections;
        this.outreach = outreach;
        this.inbox = inbox;
        this.applied = applied;
    }

    /** A company's auth token as last read, for a short while: callbacks come by the thousand. */
    private record Token(@Nullable String value, long readAt) {
    }

    private static final long TOKEN_TTL_NANOS = 30_000_000_000L;
    private final java.util.concurrent.ConcurrentMap<TenantId, Token> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    /** The company's Twilio auth token, or null when its text connection is not Twilio. */
    private @Nullable String token(TenantId tenant) {
        Token t = tokens.get(tenant);
        if (t == null || System.nanoTime() - t.readAt() > TOKEN_TTL_NANOS) {
            ProviderAccount a = connections.activeAccount(tenant, ConnectionType.SMS);
            String value = TwilioSmsProvider.ID.equals(a.providerId())
                    ? a.secret("authToken").map(s -> s.reveal()).orElse("") : null;
            t = new Token(value, System.nanoTime());
            tokens.put(tenant, t);
        }
        return t.value();
    }

    /** A changed or removed connection is read again at the next callback. */
    @org.springframework.context.event.EventListener
    void on(dev.ridgeline.connections.ConnectionChanged changed) {
        tokens.remove(changed.tenantId());
    }

    /** Checks the signature; null when it is good, else the refusal. */
    @Nullable Outcome verify(TenantId tenant, String url, Map<String, List<String>> params, @Nullable String signature) {
        String token = token(tenant);
        if (token == null) {
            return new Outcome(404, "no active Twilio connection for this company");
        }
        if (!TwilioSignature.valid(token, url, params, signature)) {
            refusals.warn(tenant, "Refused a Twilio webhook for {} at {}: bad or missing X-Twilio-Signature", tenant, url);
            return new Outcome(403, "bad or missing X-Twilio-Signature");
        }
        return null;
    }

    @Transactional
    Outcome status(TenantId tenant, Map<String, List<String>> params) {
        String sid = first(params, "MessageSid");
        String status = first(params, "MessageStatus");
        if (sid == null || status == null) {
            return new Outcome(400, "MessageSid and MessageStatus are required");
        }
        if (!applied.firstSight(TwilioSmsProvider.ID, sid + ":" + status, clock.instant())) {
            return new Outcome(200, "duplicate");
        }
        MessageStatus ours = ours(status);
        if (ours == null) {
            return new Outcome(200, "ignored status " + status);
        }
        String code = first(params, "ErrorCode");
        FailureClass fc = ours.failed() ? (code != null && TwilioSmsProvider.PERMANENT_CODES.contains(code)
                || "30005".equals(code) || "30006".equals(code) ? FailureClass.PERMANENT : FailureClass.RETRYABLE)
                : null;
        boolean moved = outreach.recordStatus(TwilioSmsProvider.ID, sid, ours, fc, code,
                code == null ? "Twilio: " + status : "Twilio: " + status + ", error " + code);
        return new Outcome(200, moved ? "applied" : "unchanged");
    }

    /** Twilio's MessageStatus in our terms; null for one that says nothing about delivery. */
    static @Nullable MessageStatus ours(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "queued", "accepted", "scheduled", "sending" -> MessageStatus.SENDING;
            case "sent" -> MessageStatus.SENT;
            case "delivered", "read" -> MessageStatus.DELIVERED;
            case "undelivered" -> MessageStatus.UNDELIVERED;
            case "failed", "canceled" -> MessageStatus.FAILED;
            default -> null;
        };
    }

    @Transactional
    Outcome inbound(TenantId tenant, Map<String, List<String>> params) {
        String sid = first(params, "MessageSid");
        String from = first(params, "From");
        if (sid == null || from == null) {
            return new Outcome(400, "MessageSid and From are required");
        }
        String body = first(params, "Body");
        List<InboundMedia> media = new java.util.ArrayList<>();
        int count = parseInt(first(params, "NumMedia"));
        for (int i = 0; i < count; i++) {
            String url = first(params, "MediaUrl" + i);
            if (url != null && !url.isBlank()) {
                String type = first(params, "MediaContentType" + i);
                media.add(new InboundMedia(type == null ? "" : type, url));
            }
        }
        var received = inbox.receive(tenant, from, body == null ? "" : body, media, sid, "twilio");
        return new Outcome(200, received.duplicate() ? "duplicate" : "received");
    }

    private static int parseInt(@Nullable String s) {
        try {
            return s == null ? 0 : Math.min(10, Integer.parseInt(s.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static @Nullable String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}

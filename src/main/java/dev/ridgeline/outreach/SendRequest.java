package dev.ridgeline.outreach;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;

/**
 * A message to send. The idempotency key makes a repeated request (a retried job, a double click) return the
 * message already recorded instead of sending twice.
 *
 * @param subject for email only
 * @param body the text, or for a call the script
 * @param createdBy the user on whose behalf it is sent, if any
 */
public record SendRequest(TenantId tenantId, Channel channel, MessagePurpose purpose, String to,
        @Nullable String subject, String body, String idempotencyKey, @Nullable UserId createdBy,
        @Nullable String htmlBody, java.util.@Nullable UUID templateId, boolean trackOpens, boolean trackClicks) {

    /** A plain-text message. */
    public SendRequest(TenantId tenantId, Channel channel, MessagePurpose purpose, String to, @Nullable String subject,
            String body, String idempotencyKey, @Nullable UserId createdBy) {
        this(tenantId, channel, purpose, to, subject, body, idempotencyKey, createdBy, null, null, false, false);
    }

    public SendRequest {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (channel == Channel.EMAIL && (subject == null || subject.isBlank())) {
            throw new IllegalArgumentException("an email needs a subject");
        }
    }

    /** The same request with another body (the compliance footer added). */
    public SendRequest withBody(String newBody, @Nullable String newHtmlBody) {
        return new SendRequest(tenantId, channel, purpose, to, subject, newBody, idempotencyKey, createdBy,
                newHtmlBody, templateId, trackOpens, trackClicks);
    }

    @Override
    public String toString() {
        // The body may hold a sign-in code: keep it out of logs.
        return "SendRequest[" + channel + " " + purpose + " key=" + idempotencyKey + "]";
    }
}

package dev.ridgeline.outreach;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;

/** A message or call as recorded in the Outbox. */
public record OutboundMessage(UUID id, TenantId tenantId, Channel channel, MessagePurpose purpose, String providerId,
        @Nullable String vendorId, @Nullable String fromAddress, String to, @Nullable String subject, String body,
        MessageStatus status, @Nullable FailureClass failureClass, @Nullable String failureCode,
        @Nullable String failureReason, @Nullable Integer segments, @Nullable Integer durationSeconds,
        @Nullable UserId createdBy, Instant createdAt, Instant updatedAt, @Nullable String htmlBody) {

    /** Sign-in links, codes and invitations are credentials: the Outbox and API show them without their text. */
    public OutboundMessage redactedIfCredential() {
        if (purpose != MessagePurpose.SIGN_IN && purpose != MessagePurpose.INVITATION) {
            return this;
        }
        return new OutboundMessage(id, tenantId, channel, purpose, providerId, vendorId, fromAddress, to, subject,
                "(hidden: this message carries a sign-in link or code)", status, failureClass, failureCode,
                failureReason, segments, durationSeconds, createdBy, createdAt, updatedAt, null);
    }

    @Override
    public String toString() {
        return "OutboundMessage[" + id + " " + channel + " " + status + " via " + providerId + "]";
    }
}

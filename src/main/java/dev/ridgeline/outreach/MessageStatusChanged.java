package dev.ridgeline.outreach;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.TenantId;

/** A provider reported a new status for a message (accepted, delivered, bounced, answered...). */
public record MessageStatusChanged(TenantId tenantId, UUID messageId, Channel channel, MessageStatus status,
        @Nullable FailureClass failureClass, @Nullable String failureCode) {
}

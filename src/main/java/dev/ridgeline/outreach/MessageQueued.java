package dev.ridgeline.outreach;

import java.util.UUID;

import dev.ridgeline.platform.TenantId;

/** A message was recorded and will be handed to its provider once the recording transaction commits. */
public record MessageQueued(TenantId tenantId, UUID messageId, Channel channel) {
}

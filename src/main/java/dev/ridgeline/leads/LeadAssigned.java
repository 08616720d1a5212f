package dev.ridgeline.leads;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;

/** A lead got a new owner (or none). */
public record LeadAssigned(TenantId tenantId, UUID leadId, @Nullable UserId ownerId, UserId actorId) {
}

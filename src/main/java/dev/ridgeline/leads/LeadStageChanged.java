package dev.ridgeline.leads;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;

/**
 * A lead moved to another stage (sequences stop on a booked, won or lost stage; reports count conversions).
 *
 * @param actorId who moved it; null when the app did (a sequence's first touch, a reply)
 */
public record LeadStageChanged(TenantId tenantId, UUID leadId, LeadStage from, LeadStage to, @Nullable UserId actorId) {
}

package dev.ridgeline.leads;

import java.util.UUID;

import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;

/** A lead moved to another stage (sequences stop on a reply stage; reports count conversions). */
public record LeadStageChanged(TenantId tenantId, UUID leadId, LeadStage from, LeadStage to, UserId actorId) {
}

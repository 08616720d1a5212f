package dev.ridgeline.insight;

import java.util.UUID;

import dev.ridgeline.platform.TenantId;

/**
 * A home met a company's hot-lead rule for the first time with this evidence (a new storm or re-roofing wave):
 * sequences may enrol it, and the rule's recipient is told.
 *
 * @param reasons the score's explanation in plain words
 * @param evidence what made it hot this time (the day of the hail and of the wave): unique per home and rule
 */
public record LeadBecameHot(TenantId tenantId, UUID propertyId, String address, int score, String reasons,
        UUID ruleId, String ruleName, String evidence) {
}

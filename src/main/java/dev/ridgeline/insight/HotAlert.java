package dev.ridgeline.insight;

import java.time.Instant;
import java.util.UUID;

/** A home that became hot under a rule: when, with which score, and why in plain words. */
public record HotAlert(UUID propertyId, String address, UUID ruleId, String ruleName, int score, String reasons,
        Instant firedAt) {
}

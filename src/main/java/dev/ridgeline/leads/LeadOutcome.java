package dev.ridgeline.leads;

import java.time.Instant;
import java.util.UUID;

/** How a lead started from a home ended: won (signed, installed or paid) or lost, and when it last moved. */
public record LeadOutcome(UUID propertyId, boolean won, Instant decidedAt) {
}

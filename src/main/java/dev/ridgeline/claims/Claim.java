package dev.ridgeline.claims;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A lead's insurance claim as it stands: the policy and claim numbers, the date and cause of loss with the storm
 * report that matches it (distance and headline as evidence), the adjuster, the status and since when, the money, and
 * the deadlines (filing, from the date of loss; recovering depreciation, from the carrier's decision) for the home's
 * state.
 */
public record Claim(UUID id, UUID leadId, @Nullable String carrier, @Nullable String policyNumber,
        @Nullable String claimNumber, @Nullable LocalDate dateOfLoss, String cause, @Nullable UUID stormReportId,
        @Nullable Double stormMiles, @Nullable String stormHeadline, @Nullable String adjusterName,
        @Nullable String adjusterCompany, @Nullable String adjusterPhone, @Nullable String adjusterEmail,
        @Nullable Instant adjusterMeeting, ClaimStatus status, Instant statusSince, @Nullable LocalDate decidedOn,
        ClaimMoney money, @Nullable LocalDate filingDeadline, @Nullable LocalDate depreciationDeadline, String source,
        Instant createdAt, Instant updatedAt) {
}

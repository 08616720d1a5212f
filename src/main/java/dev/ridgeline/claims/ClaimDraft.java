package dev.ridgeline.claims;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** What a person (or an import, or the API) says about a claim; amounts left out are zero. */
public record ClaimDraft(@Nullable String carrier, @Nullable String policyNumber, @Nullable String claimNumber,
        @Nullable LocalDate dateOfLoss, @Nullable String cause, @Nullable String adjusterName,
        @Nullable String adjusterCompany, @Nullable String adjusterPhone, @Nullable String adjusterEmail,
        @Nullable Instant adjusterMeeting, @Nullable BigDecimal rcv, @Nullable BigDecimal acv,
        @Nullable BigDecimal recoverableDepreciation, @Nullable BigDecimal nonRecoverableDepreciation,
        @Nullable BigDecimal overheadAndProfit, @Nullable BigDecimal deductible, @Nullable BigDecimal paidByCarrier,
        @Nullable BigDecimal paidByHomeowner) {

    /** A claim known only to have been filed (the homeowner said so on a call). */
    public static ClaimDraft filed() {
        return new ClaimDraft(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    ClaimMoney money(BigDecimal approvedSupplements) {
        return new ClaimMoney(v(rcv), v(acv), v(recoverableDepreciation), v(nonRecoverableDepreciation),
                v(overheadAndProfit), v(deductible), v(paidByCarrier), v(paidByHomeowner), approvedSupplements);
    }

    private static BigDecimal v(@Nullable BigDecimal b) {
        return b == null ? BigDecimal.ZERO.setScale(2) : b;
    }
}

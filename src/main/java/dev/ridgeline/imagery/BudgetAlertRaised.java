package dev.ridgeline.imagery;

import java.math.BigDecimal;

import dev.ridgeline.platform.TenantId;

/**
 * A company's imagery spend crossed 50%, 80% or 100% of a monthly budget (once per budget, month and threshold).
 *
 * @param scope the source id, or {@code *} for the overall imagery budget
 * @param month {@code yyyy-MM}, UTC
 */
public record BudgetAlertRaised(TenantId tenant, String scope, String scopeName, String month, int threshold,
        BigDecimal spentUsd, BigDecimal budgetUsd) {
}

package dev.ridgeline.imagery;

import java.math.BigDecimal;
import java.util.List;

import dev.ridgeline.imagery.internal.Budgets;

/**
 * What the imagery spend page shows: the budgets with this month's spend against them, the sources, the ledger
 * of this month per source and product, the last months per source, the homes that cost most, and the alerts.
 */
public record SpendReport(List<BudgetLine> budgets, List<ImageryService.SourceInfo> sources,
        List<Budgets.SpendLine> thisMonth, List<Budgets.SpendLine> byMonth, List<Budgets.SpendLine> byProperty,
        List<BudgetAlertRaised> alerts, BigDecimal spentThisMonth) {

    /** One budget: its scope ({@code *} overall or a source), limits, and this month's spend. */
    public record BudgetLine(String scope, String name, java.math.@org.jspecify.annotations.Nullable BigDecimal monthlyUsd,
            @org.jspecify.annotations.Nullable Integer dailyQuota, BigDecimal spentUsd) {

        /** Spend as a percentage of the monthly budget, 0 when there is none. */
        public int percent() {
            if (monthlyUsd == null || monthlyUsd.signum() == 0) {
                return monthlyUsd != null && spentUsd.signum() > 0 ? 100 : 0;
            }
            return spentUsd.multiply(BigDecimal.valueOf(100)).divide(monthlyUsd, 0, java.math.RoundingMode.HALF_UP)
                    .intValue();
        }
    }
}

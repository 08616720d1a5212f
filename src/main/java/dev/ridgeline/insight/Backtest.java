package dev.ridgeline.insight;

import java.time.LocalDate;

/**
 * How well scores made with only the data known on {@code asOf} foresaw the roofing permits of the next
 * {@code horizonDays}: ROC AUC over all homes, and the share of roofing permits among the {@code k} top-scored.
 *
 * @param positives homes with a roofing permit in the horizon
 * @param baseRate positives / homes: what precision at k would be by chance
 */
public record Backtest(LocalDate asOf, int horizonDays, int homes, int positives, double auc, int k,
        double precisionAtK, double baseRate, String model) {
}

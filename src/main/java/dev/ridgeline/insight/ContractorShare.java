package dev.ridgeline.insight;

/**
 * A contractor's roofing permits in an area and period, its share of them, and the same count in the period just
 * before (for the trend).
 *
 * @param share permits / all roofing permits of the area and period, 0..1
 * @param change permits minus the previous period's, as a fraction of the previous period's (null when it had none)
 */
public record ContractorShare(String contractor, int permits, double share, int previousPermits,
        @org.jspecify.annotations.Nullable Double change) {
}

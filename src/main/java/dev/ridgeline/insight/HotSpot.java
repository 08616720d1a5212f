package dev.ridgeline.insight;

import java.util.List;

/**
 * An H3 cell's Getis-Ord Gi* statistic over recent roof replacement permits: a z-score, its two-sided p-value and
 * the confidence class (HOT_99, HOT_95, HOT_90, COLD_..., or NONE).
 */
public record HotSpot(long cell, double latitude, double longitude, List<double[]> outline, int permits, double z,
        double p, String kind) {
}

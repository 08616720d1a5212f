package dev.ridgeline.insight.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Getis-Ord Gi* hot and cold spots on H3 cells. The study area is the given cells (every cell with a home, those
 * without permits counting 0); each cell's neighbourhood is itself and its six neighbours, weighted 1:
 *
 * <pre>
 *   Gi* = (sum_j w_ij x_j - mean * sum_j w_ij) / (S * sqrt((n * sum_j w_ij^2 - (sum_j w_ij)^2) / (n - 1)))
 *   S   = sqrt(sum_j x_j^2 / n - mean^2)
 * </pre>
 * A neighbour outside the study area counts as absent (weight 0). The z-score's two-sided p-value classes a cell
 * as a hot or cold spot at 99, 95 or 90% confidence (|z| at least 2.576, 1.960, 1.645).
 */
final class GetisOrd {

    /** A cell's statistic. */
    record Result(long cell, int count, double z, double p, String kind) {
    }

    private GetisOrd() {
    }

    static List<Result> run(Map<Long, Integer> counts) {
        int n = counts.size();
        List<Result> out = new ArrayList<>();
        if (n < 3) {
            return out;
        }
        double sum = 0;
        double sumSq = 0;
        for (int x : counts.values()) {
            sum += x;
            sumSq += (double) x * x;
        }
        double mean = sum / n;
        double s = Math.sqrt(sumSq / n - mean * mean);
        for (var e : counts.entrySet()) {
            double local = 0;
            int weights = 0;
            for (long neighbour : dev.ridgeline.platform.GeoPoint.disk(e.getKey(), 1)) {
                Integer x = counts.get(neighbour);
                if (x != null) {
                    local += x;
                    weights++;
                }
            }
            double denominator = s * Math.sqrt((n * (double) weights - (double) weights * weights) / (n - 1));
            double z = denominator == 0 ? 0 : (local - mean * weights) / denominator;
            double p = 2 * (1 - normalCdf(Math.abs(z)));
            out.add(new Result(e.getKey(), e.getValue(), z, p, kind(z)));
        }
        return out;
    }

    static String kind(double z) {
        double a = Math.abs(z);
        String side = z > 0 ? "HOT_" : "COLD_";
        return a >= 2.576 ? side + "99" : a >= 1.960 ? side + "95" : a >= 1.645 ? side + "90" : "NONE";
    }

    /** The standard normal distribution function (Abramowitz and Stegun 26.2.17; error under 7.5e-8). */
    static double normalCdf(double z) {
        if (z < 0) {
            return 1 - normalCdf(-z);
        }
        double t = 1 / (1 + 0.2316419 * z);
        double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        return 1 - Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI) * poly;
    }
}

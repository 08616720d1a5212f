package dev.ridgeline.sequences;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.outreach.template.VariantComparison;

/**
 * Variant A against B of one step on its goal (replies, or inspections booked after the step), by a two-sided
 * pooled two-proportion z-test. Below five expected successes or failures in either arm the normal approximation
 * does not hold, and no verdict is given.
 *
 * @param pValue the probability of a difference at least this large if the variants did equally well; NaN while
 *     there is too little to test
 */
public record AbResult(AbGoal goal, int sentA, int winsA, int sentB, int winsB, double pValue) {

    /** Significance the verdict asks for. */
    public static final double ALPHA = 0.05;

    static AbResult of(AbGoal goal, int[] counts) {
        int sentA = counts[0];
        int winsA = counts[1];
        int sentB = counts[2];
        int winsB = counts[3];
        double p = enough(sentA, winsA, sentB, winsB) ? VariantComparison.pValue(winsA, sentA, winsB, sentB) : Double.NaN;
        return new AbResult(goal, sentA, winsA, sentB, winsB, p);
    }

    /** Whether every cell of the 2x2 table is expected to hold at least five. */
    static boolean enough(int sentA, int winsA, int sentB, int winsB) {
        int n = sentA + sentB;
        if (sentA == 0 || sentB == 0) {
            return false;
        }
        double rate = (double) (winsA + winsB) / n;
        return Math.min(sentA, sentB) * Math.min(rate, 1 - rate) >= 5;
    }

    public double rateA() {
        return sentA == 0 ? 0 : (double) winsA / sentA;
    }

    public double rateB() {
        return sentB == 0 ? 0 : (double) winsB / sentB;
    }

    /** The variant that did significantly better, if one did. */
    public @Nullable String winner() {
        if (Double.isNaN(pValue) || pValue >= ALPHA || rateA() == rateB()) {
            return null;
        }
        return rateB() > rateA() ? "B" : "A";
    }

    /** The verdict in words, for the sequence page. */
    public String verdict() {
        String rates = String.format(Locale.US, "A %.1f%% of %d, B %.1f%% of %d", 100 * rateA(), sentA, 100 * rateB(),
                sentB);
        if (sentA + sentB == 0) {
            return "nothing sent yet";
        }
        if (Double.isNaN(pValue)) {
            return "too few results to judge yet (" + rates + ")";
        }
        String w = winner();
        if (w != null) {
            return w + " wins on " + goal.label() + " (" + rates + String.format(Locale.US, "; p = %.3f)", pValue);
        }
        return "no significant difference on " + goal.label() + " yet (" + rates
                + String.format(Locale.US, "; p = %.2f)", pValue);
    }
}

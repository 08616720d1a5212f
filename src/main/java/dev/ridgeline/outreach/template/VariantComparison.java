package dev.ridgeline.outreach.template;

import java.util.Locale;

/**
 * Variant A against variant B of a template on reply rate, by a two-sided two-proportion z-test.
 *
 * @param pValue the probability of a difference at least this large if the variants did equally well; NaN while
 *     either has no sends or nobody has replied to either
 */
public record VariantComparison(EmailStats a, EmailStats b, double pValue) {

    public static VariantComparison of(EmailStats a, EmailStats b) {
        return new VariantComparison(a, b, pValue(a.replied(), a.sent(), b.replied(), b.sent()));
    }

    /** Two-sided p-value of the pooled two-proportion z-test. */
    public static double pValue(int repliedA, int sentA, int repliedB, int sentB) {
        if (sentA == 0 || sentB == 0) {
            return Double.NaN;
        }
        double pooled = (double) (repliedA + repliedB) / (sentA + sentB);
        if (pooled == 0 || pooled == 1) {
            return Double.NaN;
        }
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / sentA + 1.0 / sentB));
        double z = Math.abs((double) repliedA / sentA - (double) repliedB / sentB) / se;
        return 2 * (1 - normalCdf(z));
    }

    /** The verdict in words, for the templates page. */
    public String verdict() {
        if (Double.isNaN(pValue)) {
            return "not enough replies yet to compare";
        }
        String rates = String.format(Locale.US, "A %.1f%% of %d, B %.1f%% of %d", 100 * a.replyRate(), a.sent(),
                100 * b.replyRate(), b.sent());
        if (pValue < 0.05) {
            return (b.replyRate() > a.replyRate() ? "B" : "A") + " gets more replies (" + rates
                    + String.format(Locale.US, "; p = %.3f, significant at 5%%)", pValue);
        }
        return "no significant difference yet (" + rates + String.format(Locale.US, "; p = %.2f)", pValue);
    }

    /** The standard normal distribution function (Abramowitz and Stegun 7.1.26 for erf, error under 1.5e-7). */
    static double normalCdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
                + 0.254829592) * t * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}

package dev.ridgeline.insight.internal;

/**
 * Platt scaling: the a and b of P(won) = 1 / (1 + e^-(a m + b)) that fit a model's margins m to the outcomes best
 * (least log loss), with Platt's smoothed targets ((won + 1) / (won + 2) and 1 / (lost + 2)) so that a handful of
 * outcomes never makes a probability of 0 or 1. Newton's method with a backtracking line search, as in Lin, Lin and
 * Weng's note on Platt's method.
 */
final class Platt {

    private Platt() {
    }

    /** Answers {a, b}. */
    static double[] fit(double[] margins, boolean[] won) {
        int n = margins.length;
        int positives = 0;
        for (boolean w : won) {
            positives += w ? 1 : 0;
        }
        double hi = (positives + 1.0) / (positives + 2.0);
        double lo = 1.0 / (n - positives + 2.0);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = won[i] ? hi : lo;
        }
        double a = 0;
        double b = Math.log((positives + 1.0) / (n - positives + 1.0));
        double loss = loss(margins, t, a, b);
        for (int iteration = 0; iteration < 100; iteration++) {
            double gA = 0;
            double gB = 0;
            double hAA = 1e-12;
            double hBB = 1e-12;
            double hAB = 0;
            for (int i = 0; i < n; i++) {
                double p = LearnedModel.sigmoid(a * margins[i] + b);
                double d = p - t[i];
                double w = p * (1 - p);
                gA += margins[i] * d;
                gB += d;
                hAA += margins[i] * margins[i] * w;
                hBB += w;
                hAB += margins[i] * w;
            }
            if (Math.abs(gA) < 1e-9 && Math.abs(gB) < 1e-9) {
                break;
            }
            double det = hAA * hBB - hAB * hAB;
            double dA = -(hBB * gA - hAB * gB) / det;
            double dB = -(-hAB * gA + hAA * gB) / det;
            double step = 1;
            while (step > 1e-10) {
                double next = loss(margins, t, a + step * dA, b + step * dB);
                if (next < loss + 1e-4 * step * (gA * dA + gB * dB)) {
                    a += step * dA;
                    b += step * dB;
                    loss = next;
                    break;
                }
                step /= 2;
            }
            if (step <= 1e-10) {
                break;
            }
        }
        return new double[] {a, b};
    }

    private static double loss(double[] m, double[] t, double a, double b) {
        double sum = 0;
        for (int i = 0; i < m.length; i++) {
            double z = a * m[i] + b;
            // log(1 + e^z) - t z, computed without overflow
            sum += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - t[i] * z;
        }
        return sum;
    }
}

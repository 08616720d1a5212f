package dev.ridgeline.insight.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.insight.FactorKind;
import dev.ridgeline.insight.ScoreFactor;

/**
 * A model a company's won and lost leads trained over the prior model's factors, each scaled to 0..1 by its most
 * points: a logistic regression (margin = bias + sum w_k x_k) or gradient-boosted trees ({@link TreeEnsemble}),
 * either one calibrated by Platt scaling fitted on out-of-fold margins: P(won) = 1 / (1 + e^-(a m + b)), the score
 * 100 P(won). A home's explanation gives each factor its share of the score above the base (the score of the base
 * margin: the bias, or the trees' expected value) in proportion to its positive contribution to the margin; factors
 * that lower the odds are not listed.
 */
final class LearnedModel implements ScoreModel {

    /** How the margin is made. */
    enum Kind {
        LOGISTIC("logistic regression"), BOOSTED("gradient-boosted trees");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    private final String name;
    private final Kind kind;
    private final double bias;
    private final double[] weights;
    private final @Nullable TreeEnsemble trees;
    private final double plattA;
    private final double plattB;
    private final PriorModel prior;

    private LearnedModel(String name, Kind kind, double bias, double[] weights, @Nullable TreeEnsemble trees,
            double plattA, double plattB, PriorModel prior) {
        this.name = name;
        this.kind = kind;
        this.bias = bias;
        this.weights = weights.clone();
        this.trees = trees;
        this.plattA = plattA;
        this.plattB = plattB;
        this.prior = prior;
    }

    static LearnedModel logistic(String name, double bias, double[] weights, double plattA, double plattB,
            PriorModel prior) {
        if (weights.length > FactorKind.values().length) {
            throw new IllegalArgumentException("one weight per factor");
        }
        // A model trained before a factor was added gives it no weight.
        return new LearnedModel(name, Kind.LOGISTIC, bias, java.util.Arrays.copyOf(weights, FactorKind.values().length),
                null, plattA, plattB, prior);
    }

    static LearnedModel boosted(String name, TreeEnsemble trees, double plattA, double plattB, PriorModel prior) {
        return new LearnedModel(name, Kind.BOOSTED, 0, new double[FactorKind.values().length], trees, plattA, plattB,
                prior);
    }

    /** The same margin with another calibration. */
    LearnedModel calibrated(double a, double b) {
        return new LearnedModel(name, kind, bias, weights, trees, a, b, prior);
    }

    @Override
    public String name() {
        return name;
    }

    Kind kind() {
        return kind;
    }

    double bias() {
        return bias;
    }

    double[] weights() {
        return weights.clone();
    }

    double plattA() {
        return plattA;
    }

    double plattB() {
        return plattB;
    }

    static double[] features(PriorModel prior, HomeFeatures h, LocalDate asOf) {
        double[] points = prior.points(h, asOf);
        double[] x = new double[points.length];
        for (FactorKind k : FactorKind.values()) {
            x[k.ordinal()] = points[k.ordinal()] / k.maxPoints();
        }
        return x;
    }

    /** The uncalibrated log-odds of "won". */
    double margin(double[] x) {
        if (trees != null) {
            return trees.margin(x);
        }
        double z = bias;
        for (int k = 0; k < x.length; k++) {
            z += weights[k] * x[k];
        }
        return z;
    }

    private double baseMargin() {
        return trees != null ? trees.base() : bias;
    }

    private double[] contributions(double[] x) {
        if (trees != null) {
            return trees.contributions(x);
        }
        double[] c = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            c[k] = weights[k] * x[k];
        }
        return c;
    }

    double probability(double[] x) {
        return sigmoid(plattA * margin(x) + plattB);
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Override
    public int score(HomeFeatures h, LocalDate asOf) {
        if (h.recentlyReroofed) {
            return 0;
        }
        return (int) Math.round(100 * probability(features(prior, h, asOf)));
    }

    @Override
    public List<ScoreFactor> explain(HomeFeatures h, LocalDate asOf) {
        double[] x = features(prior, h, asOf);
        double base = 100 * sigmoid(plattA * baseMargin() + plattB);
        double above = 100 * probability(x) - base;
        double[] c = contributions(x);
        // Only evidence the home has is named: trees can also credit a factor's absence, which is not a reason.
        double positive = 0;
        for (int k = 0; k < c.length; k++) {
            positive += x[k] > 0 ? Math.max(0, plattA * c[k]) : 0;
        }
        List<ScoreFactor> out = new ArrayList<>();
        if (positive <= 0 || above <= 0) {
            return out;
        }
        for (FactorKind kind : FactorKind.values()) {
            double share = x[kind.ordinal()] > 0 ? plattA * c[kind.ordinal()] : 0;
            int points = (int) Math.round(above * share / positive);
            if (share > 0 && points >= 1) {
                out.add(new ScoreFactor(kind, points, PriorModel.words(kind, h, asOf)));
            }
        }
        out.sort(Comparator.comparingInt(ScoreFactor::points).reversed());
        return out;
    }
}

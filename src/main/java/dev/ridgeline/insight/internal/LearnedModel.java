package dev.ridgeline.insight.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.ridgeline.insight.FactorKind;
import dev.ridgeline.insight.ScoreFactor;

/**
 * A logistic regression a company's won and lost leads trained over the prior model's factors, each scaled to 0..1
 * by its most points: P(won) = 1 / (1 + e^-(bias + sum w_k x_k)), the score 100 P(won). A home's explanation gives
 * each factor its share of the score above the base (100 / (1 + e^-bias)) in proportion to w_k x_k; factors that
 * lower the odds are not listed.
 */
final class LearnedModel implements ScoreModel {

    private final String name;
    private final double bias;
    private final double[] weights;
    private final PriorModel prior;

    LearnedModel(String name, double bias, double[] weights, PriorModel prior) {
        if (weights.length != FactorKind.values().length) {
            throw new IllegalArgumentException("one weight per factor");
        }
        this.name = name;
        this.bias = bias;
        this.weights = weights.clone();
        this.prior = prior;
    }

    @Override
    public String name() {
        return name;
    }

    double bias() {
        return bias;
    }

    double[] weights() {
        return weights.clone();
    }

    static double[] features(PriorModel prior, HomeFeatures h, LocalDate asOf) {
        double[] points = prior.points(h, asOf);
        double[] x = new double[points.length];
        for (FactorKind k : FactorKind.values()) {
            x[k.ordinal()] = points[k.ordinal()] / k.maxPoints();
        }
        return x;
    }

    double probability(double[] x) {
        double z = bias;
        for (int k = 0; k < x.length; k++) {
            z += weights[k] * x[k];
        }
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
        double base = 100 / (1 + Math.exp(-bias));
        double above = 100 * probability(x) - base;
        double positive = 0;
        for (int k = 0; k < x.length; k++) {
            positive += Math.max(0, weights[k] * x[k]);
        }
        List<ScoreFactor> out = new ArrayList<>();
        if (positive <= 0 || above <= 0) {
            return out;
        }
        for (FactorKind kind : FactorKind.values()) {
            double c = weights[kind.ordinal()] * x[kind.ordinal()];
            int points = (int) Math.round(above * c / positive);
            if (c > 0 && points >= 1) {
                out.add(new ScoreFactor(kind, points, PriorModel.words(kind, h, asOf)));
            }
        }
        out.sort(Comparator.comparingInt(ScoreFactor::points).reversed());
        return out;
    }
}

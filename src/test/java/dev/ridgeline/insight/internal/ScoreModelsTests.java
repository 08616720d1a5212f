package dev.ridgeline.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.ridgeline.insight.FactorKind;

class ScoreModelsTests {

    @Test
    void theFoldedLogOddsWeightsGiveTribuosOwnProbabilities() {
        // 200 outcomes where hail and roof age raise the odds of a won lead and nothing else matters.
        Random random = new Random(3);
        List<double[]> xs = new ArrayList<>();
        List<Boolean> ys = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            double[] x = new double[FactorKind.values().length];
            for (int k = 0; k < x.length; k++) {
                x[k] = random.nextDouble();
            }
            double z = -2 + 3 * x[FactorKind.HAIL.ordinal()] + 1.5 * x[FactorKind.ROOF_AGE.ordinal()];
            xs.add(x);
            ys.add(random.nextDouble() < 1 / (1 + Math.exp(-z)));
        }
        var tribuo = ScoreModels.tribuo(xs, ys);
        LearnedModel model = ScoreModels.fold(tribuo, "learned-200", new PriorModel(InsightSettings.defaults()));
        for (int i = 0; i < 20; i++) {
            var prediction = tribuo.predict(ScoreModels.example(xs.get(i)));
            double won = prediction.getOutputScores().get("won").getScore();
            assertThat(model.probability(xs.get(i))).isCloseTo(won, within(1e-9));
        }
        double[] w = model.weights();
        assertThat(w[FactorKind.HAIL.ordinal()]).isGreaterThan(1.0);
        assertThat(w[FactorKind.ROOF_AGE.ordinal()]).isGreaterThan(0.3);
        assertThat(Math.abs(w[FactorKind.CLAIMS.ordinal()])).isLessThan(w[FactorKind.HAIL.ordinal()]);
    }
}

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

    private static final int K = FactorKind.values().length;
    private static final PriorModel PRIOR = new PriorModel(InsightSettings.defaults());

    /** Outcomes where a home is won only when both hail and an old roof are there: no straight line separates it. */
    private static void interaction(int n, long seed, List<double[]> xs, List<Boolean> ys) {
        Random random = new Random(seed);
        for (int i = 0; i < n; i++) {
            double[] x = new double[K];
            // The first eight factors (those before roof condition): the same random homes whatever factors follow.
            for (int k = 0; k < 8; k++) {
                x[k] = random.nextInt(4) == 0 ? 0 : random.nextDouble();
            }
            boolean both = x[FactorKind.HAIL.ordinal()] > 0.5 && x[FactorKind.ROOF_AGE.ordinal()] > 0.5;
            xs.add(x);
            ys.add(random.nextDouble() < (both ? 0.85 : 0.1));
        }
    }

    @Test
    void boostedTreesEvaluatedInJavaGiveXGBoostsOwnProbabilities() {
        List<double[]> xs = new ArrayList<>();
        List<Boolean> ys = new ArrayList<>();
        interaction(300, 5, xs, ys);
        var xgboost = ScoreModels.xgboost(xs, ys);
        ScoreModels.Boosted boosted = ScoreModels.boost(xs, ys);
        TreeEnsemble stored = TreeEnsemble.fromJson(boosted.json(), K, name -> FactorKind.valueOf(name).ordinal());
        assertThat(boosted.ensemble().size()).isEqualTo(120); // 60 rounds, a tree per class
        for (int i = 0; i < 50; i++) {
            double[] x = xs.get(i);
            double won = xgboost.predict(ScoreModels.example(x)).getOutputScores().get("won").getScore();
            double margin = boosted.ensemble().margin(x);
            assertThat(LearnedModel.sigmoid(margin)).isCloseTo(won, within(1e-5));
            assertThat(stored.margin(x)).isEqualTo(margin);
            // The path contributions add up to the margin less the trees' expected value.
            double sum = 0;
            for (double c : boosted.ensemble().contributions(x)) {
                sum += c;
            }
            assertThat(sum).isCloseTo(margin - boosted.ensemble().base(), within(1e-9));
        }
    }

    @Test
    void plattScalingFindsTheCalibrationThatMadeTheOutcomes() {
        Random random = new Random(11);
        int n = 20_000;
        double[] m = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            m[i] = random.nextGaussian() * 2;
            y[i] = random.nextDouble() < LearnedModel.sigmoid(0.5 * m[i] - 1);
        }
        double[] ab = Platt.fit(m, y);
        assertThat(ab[0]).isCloseTo(0.5, within(0.05));
        assertThat(ab[1]).isCloseTo(-1.0, within(0.06));
    }

    @Test
    void foldsDealWonAndLostEvenly() {
        List<Boolean> ys = new ArrayList<>();
        for (int i = 0; i < 103; i++) {
            ys.add(i % 3 == 0);
        }
        int[] fold = ScoreModels.folds(ys);
        int[] won = new int[ScoreModels.FOLDS];
        int[] all = new int[ScoreModels.FOLDS];
        for (int i = 0; i < fold.length; i++) {
            all[fold[i]]++;
            won[fold[i]] += ys.get(i) ? 1 : 0;
        }
        assertThat(java.util.Arrays.stream(won).boxed().toList()).allSatisfy(w -> assertThat(w).isBetween(6, 7)); // 35 won over 5 folds
        assertThat(java.util.Arrays.stream(all).boxed().toList()).allSatisfy(a -> assertThat(a).isBetween(20, 22));
    }

    @Test
    void crossValidationPicksBoostedTreesWhereOnlyTheCombinationWins() {
        List<double[]> xs = new ArrayList<>();
        List<Boolean> ys = new ArrayList<>();
        interaction(400, 7, xs, ys);
        ScoreModels.Selection s = ScoreModels.select(xs, ys, "learned-400", PRIOR);
        assertThat(s.model().kind()).isEqualTo(LearnedModel.Kind.BOOSTED);
        assertThat(s.rival()).isNotNull();
        assertThat(s.best().brier()).isLessThan(s.rival().brier());
        assertThat(s.best().auc()).isGreaterThan(0.8);
        assertThat(s.trees()).isNotNull();
        // Calibrated: among homes the model puts near 85%, about 85% were won; among the rest about 10%.
        double[] x = new double[K];
        x[FactorKind.HAIL.ordinal()] = 0.9;
        x[FactorKind.ROOF_AGE.ordinal()] = 0.9;
        assertThat(s.model().probability(x)).isBetween(0.6, 0.95);
        x[FactorKind.ROOF_AGE.ordinal()] = 0.1;
        assertThat(s.model().probability(x)).isBetween(0.02, 0.3);
    }

    @Test
    void fewOutcomesOnAStraightLineGetACalibratedLogisticRegressionAlone() {
        Random random = new Random(3);
        List<double[]> xs = new ArrayList<>();
        List<Boolean> ys = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double[] x = new double[K];
            x[FactorKind.HAIL.ordinal()] = random.nextDouble();
            xs.add(x);
            ys.add(random.nextDouble() < LearnedModel.sigmoid(-2 + 4 * x[FactorKind.HAIL.ordinal()]));
        }
        ScoreModels.Selection s = ScoreModels.select(xs, ys, "learned-60", PRIOR);
        assertThat(s.model().kind()).isEqualTo(LearnedModel.Kind.LOGISTIC);
        assertThat(s.rival()).as("too few outcomes for trees").isNull();
        assertThat(s.model().plattA()).isPositive();
        double[] hit = new double[K];
        hit[FactorKind.HAIL.ordinal()] = 1;
        assertThat(s.model().probability(hit)).isGreaterThan(s.model().probability(new double[K]));
    }

    @Test
    void aBoostedModelExplainsItsScoreByTheFactorsOnEachPath() {
        List<double[]> xs = new ArrayList<>();
        List<Boolean> ys = new ArrayList<>();
        interaction(400, 7, xs, ys);
        ScoreModels.Selection s = ScoreModels.select(xs, ys, "learned-400", PRIOR);
        HomeFeatures h = new HomeFeatures(java.util.UUID.randomUUID(), "1 Test Rd", null, null, null, 41, -94, 0);
        java.time.LocalDate asOf = java.time.LocalDate.of(2024, 6, 1);
        h.hailInches = 2.5;
        h.hailOn = asOf.minusDays(10);
        h.hailMiles = 0.3;
        h.hailReports = 3;
        h.roofYear = 2000;
        h.roofSource = dev.ridgeline.insight.RoofAgeSource.YEAR_BUILT;
        h.roofConfidence = 0.6;
        int score = s.model().score(h, asOf);
        var factors = s.model().explain(h, asOf);
        assertThat(score).isGreaterThan(50);
        assertThat(factors).extracting(f -> f.kind()).contains(FactorKind.HAIL, FactorKind.ROOF_AGE);
        assertThat(factors).allSatisfy(f -> assertThat(f.points()).isPositive());
    }
}

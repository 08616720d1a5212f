package dev.ridgeline.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class BacktesterTests {

    @Test
    void aucCountsCorrectlyOrderedPairsAndHalvesTies() {
        // positives 0.9 and 0.7, negatives 0.8 and 0.6: of 4 pairs, 3 are ordered right
        assertThat(Backtester.auc(new double[] {0.9, 0.8, 0.7, 0.6}, new boolean[] {true, false, true, false}))
                .isCloseTo(0.75, within(1e-12));
        // one tie: half a pair
        assertThat(Backtester.auc(new double[] {1, 1}, new boolean[] {true, false})).isCloseTo(0.5, within(1e-12));
        // a perfect ranking, and an inverted one
        assertThat(Backtester.auc(new double[] {3, 2, 1}, new boolean[] {true, false, false})).isEqualTo(1.0);
        assertThat(Backtester.auc(new double[] {3, 2, 1}, new boolean[] {false, false, true})).isEqualTo(0.0);
        // scores 5, 5, 3 with the positive among the tied: ranks 2.5, 2.5, 1 -> (2.5 - 1) / (1 x 2) = 0.75
        assertThat(Backtester.auc(new double[] {5, 5, 3}, new boolean[] {true, false, false})).isEqualTo(0.75);
    }

    @Test
    void precisionAtKReadsTheTopK() {
        List<HomeFeatures> homes = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> new HomeFeatures(new UUID(0, i), "x", "x", null, null, 0, 0, 0)).toList();
        double[] scores = {10, 40, 30, 20};
        boolean[] positive = {true, true, false, false};
        assertThat(Backtester.precisionAtK(scores, positive, 1, homes)).isEqualTo(1.0);
        assertThat(Backtester.precisionAtK(scores, positive, 2, homes)).isEqualTo(0.5);
        assertThat(Backtester.precisionAtK(scores, positive, 4, homes)).isEqualTo(0.5);
    }

    @Test
    void convexHullDropsInteriorPoints() {
        List<double[]> hull = ConvexHull.of(List.of(new double[] {0, 0}, new double[] {1, 0}, new double[] {1, 1},
                new double[] {0, 1}, new double[] {0.5, 0.5}, new double[] {0.5, 0}, new double[] {0, 0}));
        assertThat(hull).hasSize(4);
        assertThat(hull.stream().map(p -> p[0] + "," + p[1]).toList())
                .containsExactly("0.0,0.0", "1.0,0.0", "1.0,1.0", "0.0,1.0");
    }
}

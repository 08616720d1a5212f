package dev.ridgeline.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ExplainerOrderTests {

    @Test
    void rescoredHomesAreHandedOutBestFirstWithTiesInPostgresUuidOrder() {
        Random random = new Random(7);
        List<InsightStore.Row> rows = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            // Few distinct scores, and ids that differ only in the low half or across the sign bit, to test ties.
            long high = random.nextInt(4) == 0 ? Long.MIN_VALUE + random.nextInt(3) : random.nextInt(3);
            UUID id = new UUID(high, random.nextLong());
            rows.add(new InsightStore.Row(new HomeFeatures(id, "a", null, null, null, 0, 0, 0), random.nextInt(5), 0));
        }
        int[] order = InsightPasses.Explainer.bestFirst(rows);
        Comparator<InsightStore.Row> postgres = Comparator.<InsightStore.Row>comparingInt(r -> -r.score())
                .thenComparing(r -> r.features().propertyId.getMostSignificantBits(), Long::compareUnsigned)
                .thenComparing(r -> r.features().propertyId.getLeastSignificantBits(), Long::compareUnsigned);
        List<InsightStore.Row> expected = rows.stream().sorted(postgres).toList();
        List<InsightStore.Row> got = new ArrayList<>();
        for (int i : order) {
            got.add(rows.get(i));
        }
        assertThat(got).isEqualTo(expected);
    }
}

package dev.ridgeline.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ridgeline.insight.FactorKind;
import dev.ridgeline.insight.RoofAgeSource;
import dev.ridgeline.insight.ScoreFactor;

/** The prior model on examples worked by hand (the arithmetic is in each comment). */
class PriorModelTests {

    private final PriorModel model = new PriorModel(InsightSettings.defaults());
    private static final LocalDate AS_OF = LocalDate.of(2026, 6, 1);

    @Test
    void theIssuesExampleScoresFiftyFiveAndExplainsItself() {
        HomeFeatures h = home();
        h.hailInches = 1.75;
        h.hailMiles = 0.6;
        h.hailOn = AS_OF.minusDays(12);
        h.hailReports = 1;
        h.yearBuilt = 2007;
        h.roofYear = 2007;
        h.roofSource = RoofAgeSource.YEAR_BUILT;
        h.roofConfidence = 0.6;
        h.neighboursReroofed = 7;
        // hail: 40 x (1.75 - 0.5) / 1.5 x (1 - 0.6 / 3) x 1 = 40 x 0.8333 x 0.8 = 26.67
        // roof: 30 x (19 - 8) / 14 x (0.4 + 0.6 x 0.6) = 30 x 0.7857 x 0.76 = 17.91
        // neighbours: min(10, 2 x 7) = 10; total 54.58
        double[] p = model.points(h, AS_OF);
        assertThat(p[FactorKind.HAIL.ordinal()]).isCloseTo(26.667, within(0.001));
        assertThat(p[FactorKind.ROOF_AGE.ordinal()]).isCloseTo(17.914, within(0.001));
        assertThat(p[FactorKind.NEIGHBOURS.ordinal()]).isEqualTo(10);
        assertThat(model.score(h, AS_OF)).isEqualTo(55);
        assertThat(model.explain(h, AS_OF)).extracting(ScoreFactor::kind, ScoreFactor::points).containsExactly(
                org.assertj.core.groups.Tuple.tuple(FactorKind.HAIL, 27),
                org.assertj.core.groups.Tuple.tuple(FactorKind.ROOF_AGE, 18),
                org.assertj.core.groups.Tuple.tuple(FactorKind.NEIGHBOURS, 10));
        assertThat(model.explain(h, AS_OF).getFirst().words())
                .isEqualTo("1.75 in hail 0.6 mi away, 12 days ago (2026-05-20)");
        assertThat(model.explain(h, AS_OF).get(1).words()).isEqualTo("roof about 19 years old (built 2007)");
        assertThat(model.explain(h, AS_OF).get(2).words()).isEqualTo("7 neighbours re-roofed in the last year");
    }

    @Test
    void recencyHoldsForSixtyDaysThenFallsToAQuarterAtTwoYears() {
        assertThat(PriorModel.recency(0)).isEqualTo(1);
        assertThat(PriorModel.recency(60)).isEqualTo(1);
        // 1 - (400 - 60) / 670 x 0.75 = 0.61940
        assertThat(PriorModel.recency(400)).isCloseTo(0.61940, within(0.00001));
        assertThat(PriorModel.recency(730)).isCloseTo(0.25, within(1e-9));
        assertThat(PriorModel.recency(2000)).isEqualTo(0.25);
    }

    @Test
    void windClaimsAndHailBelowHalfAnInch() {
        // (65 - 40) / 35 = 0.7143; 1 - 1 / 3 = 0.6667; 15 x 0.7143 x 0.6667 = 7.143
        assertThat(model.windPoints(65, 1, 30)).isCloseTo(7.143, within(0.001));
        // 2 x log2(1 + 150 / 10) = 2 x 4 = 8; 2 x log2(1 + 30 / 10) = 4
        assertThat(PriorModel.claimPoints(150)).isCloseTo(8, within(1e-9));
        assertThat(PriorModel.claimPoints(30)).isCloseTo(4, within(1e-9));
        assertThat(PriorModel.claimPoints(-1)).isZero();
        assertThat(model.hailPoints(0.5, 0, 0)).isZero();
        // beyond the radius nothing counts
        assertThat(model.hailPoints(2.5, 3.2, 0)).isZero();
    }

    @Test
    void aRecentReroofScoresZeroAndSaysWhy() {
        HomeFeatures h = home();
        h.hailInches = 2;
        h.hailMiles = 0.1;
        h.hailOn = AS_OF.minusDays(3);
        h.recentlyReroofed = true;
        h.roofYear = 2024;
        h.roofSource = RoofAgeSource.PERMIT;
        h.roofEvidence = "B2024-77";
        assertThat(model.score(h, AS_OF)).isZero();
        assertThat(PriorModel.excluded(h)).isEqualTo("excluded: roof replaced in 2024 (permit B2024-77)");
    }

    @Test
    void radarOnlyAddsWhatGroundReportsDoNotAlreadyGive() {
        HomeFeatures h = home();
        h.radarDetections = 30;
        h.radarOn = AS_OF.minusDays(5);
        // 10 x min(1, 30 / 20) x 1 = 10, no ground report
        assertThat(model.points(h, AS_OF)[FactorKind.RADAR.ordinal()]).isEqualTo(10);
        h.hailInches = 1.25;
        h.hailMiles = 1.5;
        h.hailOn = AS_OF.minusDays(5);
        // hail 40 x 0.5 x 0.5 = 10 already: radar adds nothing
        assertThat(model.points(h, AS_OF)[FactorKind.HAIL.ordinal()]).isEqualTo(10);
        assertThat(model.points(h, AS_OF)[FactorKind.RADAR.ordinal()]).isZero();
    }

    static HomeFeatures home() {
        return new HomeFeatures(UUID.randomUUID(), "12 ELM ST", "12 ELM ST", "NASHVILLE", "37206", 36.17, -86.75, 0);
    }

    @Test
    void engagementGivesItsPointsForTwoWeeksThenFewerUntilNoneAtOneHundredAndTwentyDays() {
        HomeFeatures h = home();
        h.engagement = dev.ridgeline.insight.EngagementKind.BOOKED;
        h.engagedOn = AS_OF.minusDays(10);
        // booked an inspection 10 days ago: 15 x 1 = 15
        assertThat(model.points(h, AS_OF)[FactorKind.ENGAGEMENT.ordinal()]).isEqualTo(15);
        assertThat(model.explain(h, AS_OF)).singleElement().satisfies(f -> {
            assertThat(f.points()).isEqualTo(15);
            assertThat(f.words()).isEqualTo("homeowner booked an inspection 10 days ago (2026-05-22)");
        });
        // replied 67 days ago: 12 x (1 - (67 - 14) / 106) = 12 x 0.5 = 6
        h.engagement = dev.ridgeline.insight.EngagementKind.REPLIED;
        h.engagedOn = AS_OF.minusDays(67);
        assertThat(model.points(h, AS_OF)[FactorKind.ENGAGEMENT.ordinal()]).isCloseTo(6.0, within(1e-9));
        // 120 days and older: nothing
        h.engagedOn = AS_OF.minusDays(120);
        assertThat(model.points(h, AS_OF)[FactorKind.ENGAGEMENT.ordinal()]).isZero();
    }
}

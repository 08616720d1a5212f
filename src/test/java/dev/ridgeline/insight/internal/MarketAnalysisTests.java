package dev.ridgeline.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.uber.h3core.H3Core;

import dev.ridgeline.insight.ContractorShare;
import dev.ridgeline.insight.MonthlyTrend;
import dev.ridgeline.signals.Permit;
import dev.ridgeline.signals.PermitCategory;
import dev.ridgeline.signals.StormKind;
import dev.ridgeline.signals.StormReport;

/** Competitors, hot spots and the monthly trend on small examples worked by hand. */
class MarketAnalysisTests {

    private static final double MILE = 1 / (3958.7613 * Math.PI / 180);

    @Test
    void sharesGroupSpellingsOfOneContractorAndCompareWithThePeriodBefore() {
        LocalDate from = LocalDate.of(2024, 1, 1);
        LocalDate to = LocalDate.of(2024, 3, 31); // 91 days; the period before is 2023-10-02 .. 2023-12-31
        List<Permit> permits = List.of(
                permit("Acme Roofing, LLC", "37206", "2024-01-10"), permit("ACME ROOFING LLC", "37206", "2024-02-10"),
                permit("Acme Roofing Inc.", "37206-1234", "2024-03-10"), permit("Ridgetop", "37206", "2024-03-11"),
                permit("Ridgetop", "37206", "2023-12-01"), permit("Ridgetop", "37206", "2023-11-01"),
                permit("Acme Roofing LLC", "37206", "2023-12-15"), permit("Elsewhere Roofing", "37013", "2024-01-05"),
                permit("Ridgetop", "37206", "2023-09-30")); // before both periods
        List<ContractorShare> shares = Competitors.shares(permits, "37206", from, to);
        // Acme 3 of 4 (0.75), one the quarter before: +200%; Ridgetop 1 of 4, two before: -50%
        assertThat(shares).extracting(ContractorShare::contractor).containsExactly("ACME ROOFING LLC", "Ridgetop");
        assertThat(shares.get(0).permits()).isEqualTo(3);
        assertThat(shares.get(0).share()).isEqualTo(0.75);
        assertThat(shares.get(0).previousPermits()).isEqualTo(1);
        assertThat(shares.get(0).change()).isEqualTo(2.0);
        assertThat(shares.get(1).change()).isEqualTo(-0.5);
        assertThat(Competitors.shares(permits, null, from, to)).extracting(ContractorShare::permits)
                .containsExactly(3, 1, 1);
    }

    @Test
    void whoIsWorkingAStormCountsPermitsNearItsReportsAfterIt() {
        LocalDate day = LocalDate.of(2024, 5, 8);
        List<StormReport> storm = List.of(new StormReport(UUID.randomUUID(), StormKind.HAIL,
                Instant.parse("2024-05-08T20:00:00Z"), day, java.math.BigDecimal.valueOf(1.75), "175", null, null, "TN",
                36.0, -86.0, null, "OHX", "test"));
        List<Permit> permits = List.of(
                located("Storm Chasers", 36.0 + 1 * MILE, "2024-05-20"), located("Storm Chasers", 36.0, "2024-06-01"),
                located("Local Roofs", 36.0 + 2.5 * MILE, "2024-07-01"),
                located("Far Away", 36.0 + 4 * MILE, "2024-05-20"), // beyond 3 miles
                located("Before Storm", 36.0, "2024-05-01"), // before the storm
                located("Too Late", 36.0, "2024-09-01")); // more than 90 days after
        assertThat(Competitors.workingStorm(permits, storm, day, 3, 90))
                .extracting(ContractorShare::contractor, ContractorShare::permits)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Storm Chasers", 2),
                        org.assertj.core.groups.Tuple.tuple("Local Roofs", 1));
    }

    @Test
    void getisOrdFindsTheClusterOfBusyCells() throws Exception {
        H3Core h3 = H3Core.newInstance();
        long centre = h3.latLngToCell(36.16, -86.78, 7);
        List<Long> ring = h3.gridDisk(centre, 1); // the centre and its 6 neighbours
        List<Long> study = h3.gridDisk(centre, 3); // 37 cells
        Map<Long, Integer> counts = new HashMap<>();
        study.forEach(c -> counts.put(c, 0));
        ring.forEach(c -> counts.put(c, 10));
        // n = 37, sum = 70, mean = 70/37 = 1.8919, sum of squares = 700, S = sqrt(700/37 - 1.8919^2) = 3.9166.
        // The centre: 7 weights, local sum 70: Gi* = (70 - 1.8919 x 7) / (3.9166 x sqrt((37 x 7 - 49) / 36))
        //   = 56.757 / (3.9166 x 2.4152) = 6.000
        List<GetisOrd.Result> results = GetisOrd.run(counts);
        GetisOrd.Result hot = results.stream().filter(r -> r.cell() == centre).findFirst().orElseThrow();
        assertThat(hot.z()).isCloseTo(6.000, within(0.001));
        assertThat(hot.kind()).isEqualTo("HOT_99");
        assertThat(hot.p()).isLessThan(0.001);
        // A cell on the edge of the study area, far from the busy ring, is no spot at all or a cold one.
        long edge = h3.gridRing(centre, 3).getFirst();
        assertThat(results.stream().filter(r -> r.cell() == edge).findFirst().orElseThrow().z()).isNegative();
        assertThat(GetisOrd.normalCdf(1.96)).isCloseTo(0.975, within(1e-4));
        assertThat(GetisOrd.kind(-2.0)).isEqualTo("COLD_95");
        assertThat(GetisOrd.kind(1.7)).isEqualTo("HOT_90");
    }

    @Test
    void aSeasonalSeriesDecomposesIntoItsTrendAndSeasonAndForecastsTheNextMonths() {
        // Three years: a flat level of 10 with +6 in May and June and -6 in December and January (sum 0).
        int[] series = new int[36];
        for (int i = 0; i < 36; i++) {
            int month = i % 12 + 1; // the series starts in January
            series[i] = 10 + (month == 5 || month == 6 ? 6 : month == 12 || month == 1 ? -6 : 0);
        }
        MonthlyTrend t = SeasonalTrend.of("ZIP 37206", YearMonth.of(2021, 1), series, 3);
        // The 2x12 average of any full year of this series is exactly 10.
        assertThat(t.months().get(6).trend()).isCloseTo(10.0, within(1e-9));
        assertThat(t.months().get(5).trend()).isNull();
        assertThat(t.seasonal().get(4)).isCloseTo(6.0, within(1e-9));
        assertThat(t.seasonal().get(11)).isCloseTo(-6.0, within(1e-9));
        assertThat(t.seasonal().get(2)).isCloseTo(0.0, within(1e-9));
        // Forecast: January 2024 10 - 6 = 4, February 10, March 10; the fit is exact, so the interval is nil.
        assertThat(t.forecast()).extracting(MonthlyTrend.Forecast::month)
                .containsExactly(YearMonth.of(2024, 1), YearMonth.of(2024, 2), YearMonth.of(2024, 3));
        assertThat(t.forecast().get(0).permits()).isCloseTo(4.0, within(1e-9));
        assertThat(t.forecast().get(1).permits()).isCloseTo(10.0, within(1e-9));
        assertThat(t.forecast().get(0).high() - t.forecast().get(0).low()).isCloseTo(0, within(1e-9));
        // A short series has no season, only a trend, and its interval widens with the noise.
        MonthlyTrend shortOne = SeasonalTrend.of("all areas", YearMonth.of(2024, 1), new int[] {2, 4, 2, 4, 2, 4}, 2);
        assertThat(shortOne.seasonal()).isEmpty();
        assertThat(shortOne.forecast().get(0).high()).isGreaterThan(shortOne.forecast().get(0).low());
    }

    private static Permit permit(String contractor, String zip, String day) {
        LocalDate d = LocalDate.parse(day);
        return new Permit(UUID.randomUUID(), "test", "P" + UUID.randomUUID(), "Roofing", null, null, "1 MAIN ST", null,
                "TN", zip, null, null, d, d, null, contractor, PermitCategory.REROOF, "");
    }

    private static Permit located(String contractor, double lat, String day) {
        LocalDate d = LocalDate.parse(day);
        return new Permit(UUID.randomUUID(), "test", "P" + UUID.randomUUID(), "Roofing", null, null, "1 MAIN ST", null,
                "TN", "37206", lat, -86.0, d, d, null, contractor, PermitCategory.REROOF, "");
    }
}

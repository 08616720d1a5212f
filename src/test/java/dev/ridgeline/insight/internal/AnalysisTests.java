package dev.ridgeline.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ridgeline.insight.RoofAgeSource;
import dev.ridgeline.platform.GeoPoint;
import dev.ridgeline.signals.AreaClaims;
import dev.ridgeline.signals.HailTile;
import dev.ridgeline.signals.Permit;
import dev.ridgeline.signals.PermitCategory;
import dev.ridgeline.signals.StormKind;
import dev.ridgeline.signals.StormReport;

/** The analysis on small worked examples: every expected figure is reasoned in the comments. */
class AnalysisTests {

    private static final double MILE = 1 / (3958.7613 * Math.PI / 180);
    private static final LocalDate AS_OF = LocalDate.of(2024, 6, 1);
    private static final double LAT = 36.15;
    private static final double LON = -86.78;

    private final Analysis analysis = new Analysis(InsightSettings.defaults());

    @Test
    void exposureKeepsTheReportWorthMostNotTheLargestAndCountsHailWithinTheRadius() {
        HomeFeatures home = home("100 MAIN ST", 0, null);
        List<StormReport> reports = List.of(
                // 2.50 in hail 2.7 mi away, 10 days ago: 40 x 1 x (1 - 2.7 / 3) = 4.0 points
                hail(2.50, 2.7, AS_OF.minusDays(10)),
                // 1.50 in hail 0.3 mi away, 20 days ago: 40 x 0.6667 x 0.9 = 24.0 points: this one is kept
                hail(1.50, 0.3, AS_OF.minusDays(20)),
                // 3.00 in hail 3.5 mi away: outside the 3-mile radius, not counted
                hail(3.00, 3.5, AS_OF.minusDays(5)),
                // hail after the as-of day is not known yet
                hail(2.00, 0.1, AS_OF.plusDays(1)),
                // 60 kt wind 1.5 mi away: 15 x (20 / 35) x 0.5 = 4.29
                report(StormKind.WIND, new BigDecimal("60"), 1.5, AS_OF.minusDays(2)),
                // a tornado 2.4 mi away counts as 75 kt: 15 x 1 x 0.2 = 3.0, less than the wind report
                report(StormKind.TORNADO, null, 2.4, AS_OF.minusDays(2)));
        List<HailTile> tiles = List.of(new HailTile(AS_OF.minusDays(20), 36.15, -86.75, 12),
                new HailTile(AS_OF.minusDays(19), 36.15, -86.75, 9),
                new HailTile(AS_OF.minusDays(19), 36.25, -86.75, 50));
        analysis.exposure(List.of(home), reports, tiles, AS_OF);
        assertThat(home.hailInches).isEqualTo(1.50);
        assertThat(home.hailMiles).isCloseTo(0.3, within(1e-6));
        assertThat(home.hailOn).isEqualTo(AS_OF.minusDays(20));
        assertThat(home.hailReports).isEqualTo(2);
        assertThat(home.windKnots).isEqualTo(60);
        assertThat(home.tornado).isFalse();
        // the home at 36.15, -86.78 lies in the tile centred on 36.15, -86.75 (36.1..36.2, -86.8..-86.7): 12 + 9
        assertThat(home.radarDetections).isEqualTo(21);
        assertThat(home.radarOn).isEqualTo(AS_OF.minusDays(19));
    }

    @Test
    void roofAgeComesFromTheLastReplacementPermitThenYearBuiltThenTheNeighbourhood() {
        HomeFeatures permitted = home("100 MAIN ST", 0, 1990);
        HomeFeatures built = home("102 MAIN ST", 0.02, 2010);
        HomeFeatures unknown = home("104 MAIN ST", 0.04, null);
        List<HomeFeatures> homes = new ArrayList<>(List.of(permitted, built, unknown));
        // four more homes in the same cell with years built 1995, 1998, 2001, 2004: with 2010 the median of five
        // (1995, 1998, 2001, 2004, 2010) is 2001 (1990's home is counted too: six years, median index 3 -> 2001)
        int[] years = {1995, 1998, 2001, 2004};
        for (int i = 0; i < years.length; i++) {
            homes.add(home((200 + i) + " OAK ST", 0.06 + i * 0.02, years[i]));
        }
        List<Permit> permits = List.of(
                permit("100 Main Street", PermitCategory.ROOF_REPAIR, LocalDate.of(2021, 3, 1), 0),
                permit("100 MAIN ST", PermitCategory.REROOF, LocalDate.of(2012, 5, 1), 0),
                // a re-roof at the same street line in another ZIP is another house
                permit("102 MAIN ST", PermitCategory.REROOF, LocalDate.of(2020, 1, 1), 0.02, "37013"));
        analysis.analyse(homes, new Analysis.Inputs(List.of(), List.of(), permits, List.of()), AS_OF);

        assertThat(permitted.roofSource).isEqualTo(RoofAgeSource.PERMIT);
        assertThat(permitted.roofYear).isEqualTo(2012); // the repair of 2021 does not reset the roof's age
        assertThat(permitted.roofConfidence).isEqualTo(0.9);
        assertThat(permitted.recentlyReroofed).isFalse(); // 12 years ago
        assertThat(built.roofSource).isEqualTo(RoofAgeSource.YEAR_BUILT);
        assertThat(built.roofYear).isEqualTo(2010);
        assertThat(built.roofConfidence).isEqualTo(0.6); // 14 years: likely the original roof
        assertThat(unknown.roofSource).isEqualTo(RoofAgeSource.NEIGHBOURHOOD);
        // years built in the cell, sorted: 1990, 1995, 1998, 2001, 2004, 2010; index 6 / 2 = 3 -> 2001
        assertThat(unknown.roofYear).isEqualTo(2001);
        assertThat(unknown.roofConfidence).isEqualTo(0.2);
    }

    @Test
    void aReroofWithinFiveYearsExcludesTheHome() {
        HomeFeatures home = home("100 MAIN ST", 0, 1980);
        analysis.analyse(List.of(home), new Analysis.Inputs(List.of(), List.of(),
                List.of(permit("100 MAIN ST", PermitCategory.STORM_REPAIR, LocalDate.of(2022, 8, 15), 0)), List.of()),
                AS_OF);
        assertThat(home.recentlyReroofed).isTrue();
        assertThat(home.roofConfidence).isEqualTo(0.75);
        assertThat(home.roofEvidence).isEqualTo("P-100 MAIN ST");
    }

    @Test
    void aHouseBuiltByPermitHasARoofAsOldAsTheHouse() {
        HomeFeatures fresh = home("300 OAK ST", 0, null);
        HomeFeatures older = home("302 OAK ST", 0.02, null);
        Permit build = new Permit(UUID.randomUUID(), "test", "B-300", "Building Residential - New",
                "Single Family Residence", "new single family home", "300 OAK ST", "NASHVILLE", "TN", "37206", LAT, LON,
                LocalDate.of(2022, 4, 1), LocalDate.of(2022, 4, 1), null, "BUILDER LLC", PermitCategory.NOT_ROOFING, "");
        Permit pool = new Permit(UUID.randomUUID(), "test", "B-302", "Building Residential - New",
                "Pools - Residential", "in-ground pool", "302 OAK ST", "NASHVILLE", "TN", "37206", LAT, LON,
                LocalDate.of(2008, 4, 1), LocalDate.of(2008, 4, 1), null, "POOLS LLC", PermitCategory.NOT_ROOFING, "");
        assertThat(Analysis.newConstruction(build)).isTrue();
        assertThat(Analysis.newConstruction(pool)).as("a new pool is not a new house").isFalse();
        analysis.analyse(List.of(fresh, older), new Analysis.Inputs(List.of(), List.of(), List.of(build, pool),
                List.of()), AS_OF);
        assertThat(fresh.roofSource).isEqualTo(RoofAgeSource.NEW_CONSTRUCTION);
        assertThat(fresh.roofYear).isEqualTo(2022);
        assertThat(fresh.recentlyReroofed).isTrue();
        assertThat(PriorModel.excluded(fresh)).isEqualTo("excluded: new roof, the house was built in 2022 (permit B-300)");
        assertThat(older.roofSource).isEqualTo(RoofAgeSource.UNKNOWN);
    }

    @Test
    void neighboursCountRecentReplacementsNearbyButNotTheHomesOwn() {
        HomeFeatures home = home("100 MAIN ST", 0, null);
        List<Permit> permits = List.of(
                permit("100 MAIN ST", PermitCategory.REROOF, AS_OF.minusDays(400), 0), // its own, and old
                permit("104 MAIN ST", PermitCategory.REROOF, AS_OF.minusDays(30), 0.1),
                permit("106 MAIN ST", PermitCategory.STORM_REPAIR, AS_OF.minusDays(200), 0.2),
                permit("108 MAIN ST", PermitCategory.ROOF_REPAIR, AS_OF.minusDays(20), 0.05), // a repair
                permit("300 MAIN ST", PermitCategory.REROOF, AS_OF.minusDays(10), 0.3), // beyond 0.25 mi
                permit("110 MAIN ST", PermitCategory.REROOF, AS_OF.minusDays(366), 0.1)); // more than a year ago
        analysis.analyse(List.of(home), new Analysis.Inputs(List.of(), List.of(), permits, List.of()), AS_OF);
        assertThat(home.neighboursReroofed).isEqualTo(2);
    }

    @Test
    void aHomeNextToAReroofingWaveIsInItAndAreaClaimsComeFromItsZip() {
        HomeFeatures next = home("150 MAIN ST", 0.225, null);
        HomeFeatures far = home("900 MAIN ST", 3, null);
        List<Permit> permits = new ArrayList<>();
        // six re-roofs 0.025 mi apart, from 0 to 0.125 mi: each sees all six within eps 0.15, so all are core
        // points (minPts 5) of one wave
        for (int i = 0; i < 6; i++) {
            permits.add(permit((10 + i) + " ELM ST", PermitCategory.REROOF, AS_OF.minusDays(100 - i * 10), i * 0.025));
        }
        List<AreaClaims> claims = List.of(
                new AreaClaims("ZIP", "37206", AS_OF.minusMonths(6), AS_OF.minusMonths(5), "HAIL", 40, null),
                new AreaClaims("ZIP", "37206", AS_OF.minusMonths(6), AS_OF.minusMonths(5), "WIND", 20, null),
                new AreaClaims("ZIP", "37206", AS_OF.minusYears(3), AS_OF.minusYears(2), "HAIL", 500, null));
        List<Analysis.Wave> waves = analysis.analyse(List.of(next, far),
                new Analysis.Inputs(List.of(), List.of(), permits, claims), AS_OF);
        assertThat(waves).hasSize(1);
        assertThat(waves.getFirst().size()).isEqualTo(6);
        assertThat(waves.getFirst().first()).isEqualTo(AS_OF.minusDays(100));
        assertThat(waves.getFirst().topContractors()).containsEntry("ACME ROOFING", 6);
        assertThat(next.waveSize).isEqualTo(6); // 0.1 mi from the last permit, a core point
        assertThat(far.waveSize).isZero();
        assertThat(next.zipClaims).isEqualTo(60); // 40 + 20 this year; the old 500 is outside the year
    }

    private static HomeFeatures home(String address, double milesNorth, Integer yearBuilt) {
        double lat = LAT + milesNorth * MILE;
        HomeFeatures h = new HomeFeatures(UUID.randomUUID(), address, address, "NASHVILLE", "37206", lat, LON,
                new GeoPoint(lat, LON).cell(GeoPoint.STORM_RESOLUTION));
        h.yearBuilt = yearBuilt;
        return h;
    }

    private static StormReport hail(double inches, double milesNorth, LocalDate day) {
        return report(StormKind.HAIL, BigDecimal.valueOf(inches), milesNorth, day);
    }

    private static StormReport report(StormKind kind, BigDecimal magnitude, double milesNorth, LocalDate day) {
        return new StormReport(UUID.randomUUID(), kind, Instant.parse(day + "T20:00:00Z"), day, magnitude,
                magnitude == null ? "UNK" : magnitude.toPlainString(), null, null, "TN", LAT + milesNorth * MILE, LON,
                null, "OHX", "test");
    }

    private static Permit permit(String address, PermitCategory category, LocalDate issued, double milesNorth) {
        return permit(address, category, issued, milesNorth, "37206");
    }

    private static Permit permit(String address, PermitCategory category, LocalDate issued, double milesNorth,
            String zip) {
        return new Permit(UUID.randomUUID(), "test", "P-" + address, "Roofing", null, null, address, "NASHVILLE", "TN",
                zip, LAT + milesNorth * MILE, LON, issued, issued, null, "ACME ROOFING", category, "test");
    }
}

package dev.ridgeline.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Seeded property tests: no point inside the circle is ever outside its cell cover. */
class GeoPointTests {

    @ParameterizedTest
    @CsvSource({"0.25, 9", "2, 9", "2, 8", "5, 7", "12, 8"})
    void everyPointInsideTheCircleFallsInACoveringCell(double miles, int resolution) {
        Random r = new Random(42);
        for (int round = 0; round < 20; round++) {
            GeoPoint centre = new GeoPoint(25 + r.nextDouble() * 23, -124 + r.nextDouble() * 57);
            Set<Long> disk = new HashSet<>(centre.cellsWithin(miles, resolution));
            Set<Long> cover = new HashSet<>(centre.cellsCovering(miles, resolution));
            assertThat(disk).containsAll(cover);
            for (int i = 0; i < 500; i++) {
                // A point at a random bearing and distance, the rim included.
                double d = (i % 10 == 0 ? 1.0 : Math.sqrt(r.nextDouble())) * miles * 0.9999;
                double bearing = r.nextDouble() * 2 * Math.PI;
                GeoPoint p = offset(centre, d, bearing);
                assertThat(centre.distanceMiles(p)).isLessThanOrEqualTo(miles);
                assertThat(disk).as("point %s, %.3f mi from %s", p, d, centre).contains(p.cell(resolution));
                assertThat(cover).as("point %s, %.3f mi from %s", p, d, centre).contains(p.cell(resolution));
            }
        }
    }

    @Test
    void theCoverIsTighterThanTheDisk() {
        GeoPoint dallas = new GeoPoint(32.78, -96.80);
        assertThat(dallas.cellsCovering(2, 9).size()).isLessThan(dallas.cellsWithin(2, 9).size() * 8 / 10);
    }

    @Test
    void haversineMatchesAKnownDistanceAndBadCoordinatesAreRefused() {
        // Nashville BNA to Atlanta ATL: about 214 statute miles great-circle.
        assertThat(new GeoPoint(36.1245, -86.6782).distanceMiles(new GeoPoint(33.6407, -84.4277))).isCloseTo(214, within(2.0));
        assertThatThrownBy(() -> new GeoPoint(91, 0)).hasMessageContaining("latitude");
        assertThatThrownBy(() -> new GeoPoint(0, Double.NaN)).hasMessageContaining("longitude");
    }

    private static GeoPoint offset(GeoPoint from, double miles, double bearing) {
        double dr = miles / 3958.7613;
        double lat1 = Math.toRadians(from.latitude());
        double lon1 = Math.toRadians(from.longitude());
        double lat2 = Math.asin(Math.sin(lat1) * Math.cos(dr) + Math.cos(lat1) * Math.sin(dr) * Math.cos(bearing));
        double lon2 = lon1 + Math.atan2(Math.sin(bearing) * Math.sin(dr) * Math.cos(lat1),
                Math.cos(dr) - Math.sin(lat1) * Math.sin(lat2));
        return new GeoPoint(Math.toDegrees(lat2), Math.toDegrees(lon2));
    }
}

package dev.ridgeline.imagery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** Web Mercator arithmetic against values worked out by hand and published ones, and round trips. */
class TileMathTests {

    @Test
    void theOriginIsTheMiddleOfTheWorldAtEveryZoom() {
        for (int z = 0; z <= 20; z++) {
            TileMath.Pixel p = TileMath.toPixel(0, 0, z);
            assertThat(p.x()).isCloseTo(128.0 * (1L << z), within(1e-6));
            assertThat(p.y()).isCloseTo(128.0 * (1L << z), within(1e-6));
        }
    }

    @Test
    void knownTiles() {
        // London at zoom 10 is tile 511/340 (the OpenStreetMap slippy-map formula, worked by hand).
        assertThat(TileMath.tileOf(51.5074, -0.1278, 10)).isEqualTo(new TileMath.Tile(511, 340, 10));
        // Nashville at zoom 16: x = floor(0.258940 * 65536) = 16969; sin(lat) = 0.59011,
        // y = floor((0.5 - ln(1.59011 / 0.40989) / 4 pi) * 65536) = floor(0.39212 * 65536) = 25698.
        assertThat(TileMath.tileOf(36.1627, -86.7816, 16)).isEqualTo(new TileMath.Tile(16969, 25698, 16));
        // The corners of the world.
        assertThat(TileMath.tileOf(85.05, -180, 3)).isEqualTo(new TileMath.Tile(0, 0, 3));
        assertThat(TileMath.tileOf(-85.05, 179.9999, 3)).isEqualTo(new TileMath.Tile(7, 7, 3));
        // Zoom 0 is one tile.
        assertThat(TileMath.tileOf(40, -100, 0)).isEqualTo(new TileMath.Tile(0, 0, 0));
    }

    @Test
    void groundResolutionMatchesTheDocumentedFigures() {
        assertThat(TileMath.groundResolution(0, 0)).isCloseTo(156_543.034, within(0.001));
        // PROVIDERS.md 8.2: "At lat 40°, zoom 20 ≈ 0.11 m/px".
        assertThat(TileMath.groundResolution(40, 20)).isCloseTo(0.1144, within(0.0005));
        // Each zoom halves it.
        assertThat(TileMath.groundResolution(33, 17) / TileMath.groundResolution(33, 18)).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void zoomForResolutionIsTheCoarsestFineEnough() {
        // 0.15 m a pixel at the equator needs zoom 20 (0.149 m), capped at the source's deepest.
        assertThat(TileMath.zoomFor(0, 0.15, 22)).isEqualTo(20);
        assertThat(TileMath.zoomFor(0, 0.15, 19)).isEqualTo(19);
        for (double lat : new double[] {0, 30, 36.16, 47.6, 60}) {
            for (double wanted : new double[] {0.1, 0.3, 0.6, 1.2, 5}) {
                int z = TileMath.zoomFor(lat, wanted, 23);
                assertThat(TileMath.groundResolution(lat, z)).isLessThanOrEqualTo(wanted * (1 + 1e-9));
                assertThat(TileMath.groundResolution(lat, z - 1)).isGreaterThan(wanted);
            }
        }
    }

    @Test
    void pixelsGoBackToThePointTheyCameFrom() {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            double lat = -84 + random.nextDouble() * 168;
            double lon = -179.9 + random.nextDouble() * 359.8;
            int z = random.nextInt(22);
            TileMath.Pixel p = TileMath.toPixel(lat, lon, z);
            double[] back = TileMath.toLatLon(p.x(), p.y(), z);
            assertThat(back[0]).isCloseTo(lat, within(1e-9));
            assertThat(back[1]).isCloseTo(lon, within(1e-9));
            TileMath.Tile t = TileMath.tileOf(lat, lon, z);
            assertThat(p.x()).isBetween(t.x() * 256.0, t.x() * 256.0 + 256);
            assertThat(p.y()).isBetween(t.y() * 256.0, t.y() * 256.0 + 256);
        }
    }

    @Test
    void aTilesCornerIsItsTopLeftPoint() {
        // The north-west corner of tile 511/340 at zoom 10, and the tile's span in degrees of longitude.
        double[] nw = TileMath.toLatLon(511 * 256.0, 340 * 256.0, 10);
        assertThat(nw[1]).isCloseTo(-0.3515625, within(1e-9));
        assertThat(nw[0]).isCloseTo(51.6180165, within(1e-6));
        double[] se = TileMath.toLatLon(512 * 256.0, 341 * 256.0, 10);
        assertThat(se[1] - nw[1]).isCloseTo(360.0 / 1024, within(1e-12));
    }

    @Test
    void mercatorMetres() {
        double[] m = TileMath.toMercatorMetres(0, 180);
        assertThat(m[0]).isCloseTo(20_037_508.34, within(0.01));
        assertThat(TileMath.toMercatorMetres(85.0511287798, 0)[1]).isCloseTo(20_037_508.34, within(1.0));
    }

    @Test
    void bearingsAndDistances() {
        assertThat(TileMath.bearing(0, 0, 0, 1)).isCloseTo(90, within(1e-9));
        assertThat(TileMath.bearing(0, 0, 1, 0)).isCloseTo(0, within(1e-9));
        assertThat(TileMath.bearing(0, 0, -1, 0)).isCloseTo(180, within(1e-9));
        assertThat(TileMath.bearing(0, 0, 0, -1)).isCloseTo(270, within(1e-9));
        // London to Paris: about 148 degrees, about 343.5 km on a sphere.
        assertThat(TileMath.bearing(51.5074, -0.1278, 48.8566, 2.3522)).isCloseTo(148.1, within(0.5));
        assertThat(TileMath.distance(51.5074, -0.1278, 48.8566, 2.3522)).isCloseTo(343_900, within(1_500.0));
        double[] there = TileMath.offset(36.16, -86.78, 212, 28);
        assertThat(TileMath.distance(36.16, -86.78, there[0], there[1])).isCloseTo(28, within(0.01));
        assertThat(TileMath.bearing(36.16, -86.78, there[0], there[1])).isCloseTo(212, within(0.01));
    }
}

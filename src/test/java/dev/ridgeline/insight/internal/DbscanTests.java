package dev.ridgeline.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.ridgeline.platform.GeoPoint;

class DbscanTests {

    /** Latitude degrees of one statute mile along a meridian (haversine sphere of 3958.7613 mi). */
    private static final double MILE = 1 / (3958.7613 * Math.PI / 180);

    @Test
    void aChainHasCoreMiddlesAndBorderEndsAndAFarPointIsNoise() {
        // Four points 0.1 mi apart on a meridian, eps 0.15, minPts 3: the ends see 2 points (themselves and one
        // neighbour), the middles 3. p0 is met first and left as noise, then p1 starts cluster 0 and claims p0 as a
        // border point; p2 is core; p3 is a border point. A point 5 miles away is noise.
        double[] lat = {36, 36 + 0.1 * MILE, 36 + 0.2 * MILE, 36 + 0.3 * MILE, 36 + 5 * MILE};
        double[] lon = {-86, -86, -86, -86, -86};
        Dbscan.Result r = Dbscan.run(lat, lon, 5, 0.15, 3);
        assertThat(r.clusters()).isEqualTo(1);
        assertThat(r.labels()).containsExactly(0, 0, 0, 0, Dbscan.NOISE);
        assertThat(r.core()).containsExactly(false, true, true, false, false);
    }

    @Test
    void aBorderPointBetweenTwoClustersJoinsTheOneFoundFirst() {
        // Two tight groups of four, 0.3 mi apart, and a point half way, eps 0.149, minPts 4. The middle point lies
        // 0.1485 mi from the nearest point of each group and farther from the rest, so it sees 3 points (itself
        // included) and is no core; each group's nearest point sees its group and the middle (5) and is core. Group A
        // comes first in the input, so it claims the middle point and group B finds it taken.
        double[] miles = {0, 0.001, 0.002, 0.003, 0.303, 0.302, 0.301, 0.300, 0.1515};
        double[] lat = Arrays.stream(miles).map(m -> 36 + m * MILE).toArray();
        double[] lon = new double[miles.length];
        Arrays.fill(lon, -86);
        Dbscan.Result r = Dbscan.run(lat, lon, lat.length, 0.149, 4);
        assertThat(r.clusters()).isEqualTo(2);
        assertThat(r.labels()).containsExactly(0, 0, 0, 0, 1, 1, 1, 1, 0);
        assertThat(r.core()[8]).isFalse();
        assertThat(r.core()[3]).isTrue();
        assertThat(r.core()[7]).isTrue();
    }

    /** The grid-indexed DBSCAN gives exactly the labels of a brute-force DBSCAN visiting points in the same order. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void matchesBruteForceOnRandomNeighbourhoods(long seed) {
        Random random = new Random(seed);
        int n = 1500;
        double[] lat = new double[n];
        double[] lon = new double[n];
        for (int i = 0; i < n; i++) {
            // a few dense blobs in scattered points around Nashville
            boolean blob = random.nextDouble() < 0.6;
            int b = random.nextInt(6);
            lat[i] = blob ? 36.1 + b * 0.02 + random.nextGaussian() * 0.002 : 36.0 + random.nextDouble() * 0.2;
            lon[i] = blob ? -86.8 + b * 0.03 + random.nextGaussian() * 0.002 : -86.9 + random.nextDouble() * 0.3;
        }
        double eps = 0.1 + random.nextDouble() * 0.1;
        int minPts = 3 + random.nextInt(5);
        Dbscan.Result fast = Dbscan.run(lat, lon, n, eps, minPts);
        int[] slow = bruteForce(lat, lon, n, eps, minPts);
        assertThat(fast.clusters()).isGreaterThan(1);
        assertThat(fast.labels()).containsExactly(slow);
    }

    @Test
    void hdbscanFindsNeighbourhoodsOfDifferentDensitiesAndLeavesScatterAsNoise() {
        // Three neighbourhoods of 60 permits: two tight (about 100 m), one loose (about 400 m), 5 to 10 miles apart,
        // and 30 permits scattered over 20 miles. A single DBSCAN eps suits either the tight or the loose ones;
        // HDBSCAN (minimum cluster size 10) finds all three.
        Random random = new Random(7);
        double[][] centres = {{36.10, -86.80, 0.001}, {36.20, -86.70, 0.001}, {36.05, -86.60, 0.004}};
        int n = 210;
        double[] lat = new double[n];
        double[] lon = new double[n];
        int i = 0;
        for (double[] c : centres) {
            for (int k = 0; k < 60; k++, i++) {
                lat[i] = c[0] + random.nextGaussian() * c[2];
                lon[i] = c[1] + random.nextGaussian() * c[2];
            }
        }
        for (; i < n; i++) {
            lat[i] = 35.95 + random.nextDouble() * 0.35;
            lon[i] = -86.95 + random.nextDouble() * 0.45;
        }
        Hdbscan.Result r = Hdbscan.run(lat, lon, n, 10);
        assertThat(r.clusters()).isEqualTo(3);
        for (int c = 0; c < 3; c++) {
            int first = r.labels()[c * 60];
            long same = java.util.stream.IntStream.range(c * 60, c * 60 + 60).filter(k -> r.labels()[k] == first).count();
            assertThat(first).isNotNegative();
            assertThat(same).as("neighbourhood %d kept together", c).isGreaterThanOrEqualTo(55);
        }
        // Scattered permits are mostly noise; HDBSCAN keeps those that fall inside a neighbourhood's reach (16 of 30
        // here are noise).
        long scatterNoise = java.util.stream.IntStream.range(180, n).filter(k -> r.labels()[k] == -1).count();
        assertThat(scatterNoise).isGreaterThanOrEqualTo(15);
    }

    private static int[] bruteForce(double[] lat, double[] lon, int n, double eps, int minPts) {
        int[] label = new int[n];
        Arrays.fill(label, -2);
        int cluster = 0;
        for (int i = 0; i < n; i++) {
            if (label[i] != -2) {
                continue;
            }
            if (neighbours(lat, lon, n, i, eps).length < minPts) {
                label[i] = -1;
                continue;
            }
            label[i] = cluster;
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(i);
            while (!queue.isEmpty()) {
                int q = queue.poll();
                int[] nq = neighbours(lat, lon, n, q, eps);
                if (nq.length < minPts) {
                    continue;
                }
                for (int p : nq) {
                    if (label[p] == -2) {
                        label[p] = cluster;
                        queue.add(p);
                    } else if (label[p] == -1) {
                        label[p] = cluster;
                    }
                }
            }
            cluster++;
        }
        return label;
    }

    private static int[] neighbours(double[] lat, double[] lon, int n, int i, double eps) {
        return java.util.stream.IntStream.range(0, n)
                .filter(j -> GeoPoint.miles(lat[i], lon[i], lat[j], lon[j]) <= eps).toArray();
    }
}

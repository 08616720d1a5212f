package dev.ridgeline.insight.internal;

import java.util.function.IntConsumer;

import dev.ridgeline.platform.GeoPoint;

/**
 * An in-memory index of points for "every point within r miles": a grid of square cells in degrees, so a radius
 * query reads only the few cells its circle can touch and measures the haversine distance to the points in them.
 * Used for hundreds of thousands of range queries in one analysis pass, where a database round trip per query would
 * cost more than the work itself.
 */
final class PointGrid {

    /** Shortest statute miles per degree of latitude (at the equator), so a degree span never falls short. */
    private static final double MILES_PER_DEGREE = 68.7;

    private final double[] lat;
    private final double[] lon;
    private final double cellDegrees;
    private final LongMap cells;

    /** Indexes points {@code 0..n-1}; {@code cellMiles} is best near the usual query radius. */
    PointGrid(double[] lat, double[] lon, int n, double cellMiles) {
        this.lat = lat;
        this.lon = lon;
        this.cellDegrees = cellMiles / MILES_PER_DEGREE;
        long[] keys = new long[n];
        LongMap counts = new LongMap(Math.max(16, n / 4));
        for (int i = 0; i < n; i++) {
            keys[i] = key(row(lat[i]), col(lon[i]));
            int[] c = counts.get(keys[i]);
            if (c == null) {
                counts.put(keys[i], new int[] {1, 0});
            } else {
                c[0]++;
            }
        }
        this.cells = new LongMap(Math.max(16, counts.size()));
        for (int i = 0; i < n; i++) {
            int[] c = counts.get(keys[i]);
            int[] points = cells.get(keys[i]);
            if (points == null) {
                points = new int[c[0]];
                cells.put(keys[i], points);
            }
            points[c[1]++] = i;
        }
    }

    /** Calls {@code hit} with every point within {@code miles} of the point given (distance inclusive). */
    void within(double qLat, double qLon, double miles, IntConsumer hit) {
        double dLat = miles / MILES_PER_DEGREE;
        double maxLat = Math.min(89.9, Math.abs(qLat) + dLat);
        double dLon = dLat / Math.cos(Math.toRadians(maxLat));
        int r0 = row(qLat - dLat);
        int r1 = row(qLat + dLat);
        int c0 = col(qLon - dLon);
        int c1 = col(qLon + dLon);
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                int[] points = cells.get(key(r, c));
                if (points == null) {
                    continue;
                }
                for (int i : points) {
                    if (GeoPoint.miles(qLat, qLon, lat[i], lon[i]) <= miles) {
                        hit.accept(i);
                    }
                }
            }
        }
    }

    private int row(double latitude) {
        return (int) Math.floor(latitude / cellDegrees);
    }

    private int col(double longitude) {
        return (int) Math.floor(longitude / cellDegrees);
    }

    private static long key(int row, int col) {
        return ((long) row << 32) | (col & 0xffffffffL);
    }

    /** An open-addressing map from a cell key to its points: no boxing, and keys spread by a 64-bit mix. */
    static final class LongMap {
        private long[] keys;
        private int[][] values;
        private int size;

        LongMap(int expected) {
            int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
            keys = new long[capacity];
            values = new int[capacity][];
        }

        int size() {
            return size;
        }

        int[] get(long key) {
            int mask = keys.length - 1;
            for (int i = slot(key, mask); values[i] != null; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    return values[i];
                }
            }
            return null;
        }

        void put(long key, int[] value) {
            if ((size + 1) * 2 > keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            int i = slot(key, mask);
            while (values[i] != null && keys[i] != key) {
                i = (i + 1) & mask;
            }
            if (values[i] == null) {
                size++;
            }
            keys[i] = key;
            values[i] = value;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[][] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = new int[oldKeys.length * 2][];
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldValues[i] != null) {
                    put(oldKeys[i], oldValues[i]);
                }
            }
        }

        private static int slot(long key, int mask) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32)) & mask;
        }
    }
}

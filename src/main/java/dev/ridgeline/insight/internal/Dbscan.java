package dev.ridgeline.insight.internal;

import java.util.Arrays;

/**
 * DBSCAN (Ester, Kriegel, Sander and Xu, 1996) over latitude/longitude points with great-circle distance.
 *
 * <p>A point is a core point when at least {@code minPoints} points (itself included) lie within {@code epsMiles}
 * of it (distance inclusive). Points are visited in input order; a new cluster starts at the first unvisited core
 * point and is expanded completely before the next one starts, so a border point reachable from two clusters joins
 * the one found first. That is the order ELKI's DBSCAN follows too, which is why the benchmark can demand identical
 * clusters, not merely similar ones.
 */
final class Dbscan {

    static final int NOISE = -1;
    private static final int UNVISITED = -2;

    /** Cluster of each point ({@link #NOISE} or 0..clusters-1, in order of discovery), and which points are core. */
    record Result(int[] labels, boolean[] core, int clusters) {

        int size(int cluster) {
            int n = 0;
            for (int label : labels) {
                if (label == cluster) {
                    n++;
                }
            }
            return n;
        }
    }

    private Dbscan() {
    }

    static Result run(double[] lat, double[] lon, int n, double epsMiles, int minPoints) {
        if (!(epsMiles > 0) || minPoints < 1) {
            throw new IllegalArgumentException("eps must be positive and minPoints at least 1");
        }
        PointGrid grid = new PointGrid(lat, lon, n, epsMiles);
        int[] labels = new int[n];
        Arrays.fill(labels, UNVISITED);
        boolean[] core = new boolean[n];
        IntList neighbours = new IntList();
        IntList seeds = new IntList();
        int clusters = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] != UNVISITED) {
                continue;
            }
            neighbours.clear();
            grid.within(lat[i], lon[i], epsMiles, neighbours::add);
            if (neighbours.size < minPoints) {
                labels[i] = NOISE;
                continue;
            }
            int cluster = clusters++;
            core[i] = true;
            labels[i] = cluster;
            seeds.clear();
            claim(neighbours, labels, cluster, seeds);
            while (seeds.size > 0) {
                int q = seeds.values[--seeds.size];
                neighbours.clear();
                grid.within(lat[q], lon[q], epsMiles, neighbours::add);
                if (neighbours.size >= minPoints) {
                    core[q] = true;
                    claim(neighbours, labels, cluster, seeds);
                }
            }
        }
        return new Result(labels, core, clusters);
    }

    /** Unvisited neighbours join the cluster and are expanded later; noise neighbours join it as border points. */
    private static void claim(IntList neighbours, int[] labels, int cluster, IntList seeds) {
        for (int k = 0; k < neighbours.size; k++) {
            int p = neighbours.values[k];
            if (labels[p] == UNVISITED) {
                labels[p] = cluster;
                seeds.add(p);
            } else if (labels[p] == NOISE) {
                labels[p] = cluster;
            }
        }
    }

    /** A growable int array, to keep millions of neighbour ids unboxed. */
    static final class IntList {
        int[] values = new int[64];
        int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        void clear() {
            size = 0;
        }
    }
}

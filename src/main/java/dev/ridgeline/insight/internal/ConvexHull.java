package dev.ridgeline.insight.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** The convex hull of points in the plane (Andrew's monotone chain), in counter-clockwise order, for cluster outlines. */
final class ConvexHull {

    private ConvexHull() {
    }

    /** Points as {lon, lat} pairs; answers the hull's corners, counter-clockwise, not closed. */
    static List<double[]> of(List<double[]> points) {
        double[][] p = points.stream().filter(unique()).toArray(double[][]::new);
        Arrays.sort(p, Comparator.<double[]>comparingDouble(a -> a[0]).thenComparingDouble(a -> a[1]));
        if (p.length < 3) {
            return List.of(p);
        }
        double[][] hull = new double[2 * p.length][];
        int k = 0;
        for (double[] point : p) {
            while (k >= 2 && cross(hull[k - 2], hull[k - 1], point) <= 0) {
                k--;
            }
            hull[k++] = point;
        }
        for (int i = p.length - 2, lower = k + 1; i >= 0; i--) {
            while (k >= lower && cross(hull[k - 2], hull[k - 1], p[i]) <= 0) {
                k--;
            }
            hull[k++] = p[i];
        }
        return new ArrayList<>(Arrays.asList(hull).subList(0, k - 1));
    }

    private static java.util.function.Predicate<double[]> unique() {
        var seen = new java.util.HashSet<List<Double>>();
        return a -> seen.add(List.of(a[0], a[1]));
    }

    private static double cross(double[] o, double[] a, double[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }
}

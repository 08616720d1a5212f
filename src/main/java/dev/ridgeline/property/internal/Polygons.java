package dev.ridgeline.property.internal;

import java.util.List;

/**
 * Plane geometry of building footprints. A footprint spans metres, so its rings are projected onto a local
 * equirectangular plane around their first point (error well under 0.1% at building scale) for area and centroid;
 * containment is tested on longitude/latitude directly with the even-odd rule.
 */
final class Polygons {

    static final double METRES_PER_DEGREE = 111_319.49;
    static final double SQUARE_FEET_PER_SQUARE_METRE = 10.763_910_4;

    /** A polygon: its outer ring then its holes, each ring a list of [lon, lat] positions, closed. */
    record Polygon(List<double[][]> rings) {

        double[][] outer() {
            return rings.getFirst();
        }
    }

    /** Area, centroid and bounding box of one or more polygons (a MultiPolygon is their union). */
    record Measure(double areaM2, double centroidLat, double centroidLon, double minLat, double maxLat, double minLon,
            double maxLon) {

        double areaFt2() {
            return areaM2 * SQUARE_FEET_PER_SQUARE_METRE;
        }
    }

    private Polygons() {
    }

    static Measure measure(List<Polygon> polygons) {
        double[] origin = polygons.getFirst().outer()[0];
        double cosLat = Math.cos(Math.toRadians(origin[1]));
        double area = 0;
        double cx = 0;
        double cy = 0;
        double minLat = 90;
        double maxLat = -90;
        double minLon = 180;
        double maxLon = -180;
        for (Polygon p : polygons) {
            for (int r = 0; r < p.rings().size(); r++) {
                double[][] ring = p.rings().get(r);
                double a = 0;
                double x = 0;
                double y = 0;
                for (int i = 0; i + 1 < ring.length; i++) {
                    double x0 = (ring[i][0] - origin[0]) * cosLat * METRES_PER_DEGREE;
                    double y0 = (ring[i][1] - origin[1]) * METRES_PER_DEGREE;
                    double x1 = (ring[i + 1][0] - origin[0]) * cosLat * METRES_PER_DEGREE;
                    double y1 = (ring[i + 1][1] - origin[1]) * METRES_PER_DEGREE;
                    double cross = x0 * y1 - x1 * y0;
                    a += cross;
                    x += (x0 + x1) * cross;
                    y += (y0 + y1) * cross;
                    minLat = Math.min(minLat, ring[i][1]);
                    maxLat = Math.max(maxLat, ring[i][1]);
                    minLon = Math.min(minLon, ring[i][0]);
                    maxLon = Math.max(maxLon, ring[i][0]);
                }
                // Outer rings add, holes subtract, whatever their winding.
                double sign = (r == 0) == (a >= 0) ? 1 : -1;
                area += sign * a / 2;
                cx += sign * x / 6;
                cy += sign * y / 6;
            }
        }
        double absArea = Math.abs(area);
        double centroidX = area == 0 ? 0 : cx / area;
        double centroidY = area == 0 ? 0 : cy / area;
        return new Measure(absArea, origin[1] + centroidY / METRES_PER_DEGREE,
                origin[0] + centroidX / (cosLat * METRES_PER_DEGREE), minLat, maxLat, minLon, maxLon);
    }

    /** Whether a point lies inside the polygons (inside an outer ring and outside its holes). */
    static boolean contains(List<Polygon> polygons, double lat, double lon) {
        for (Polygon p : polygons) {
            boolean inside = false;
            for (double[][] ring : p.rings()) {
                if (inRing(ring, lat, lon)) {
                    inside = !inside;
                }
            }
            if (inside) {
                return true;
            }
        }
        return false;
    }

    private static boolean inRing(double[][] ring, double lat, double lon) {
        boolean in = false;
        for (int i = 0, j = ring.length - 1; i < ring.length; j = i++) {
            double xi = ring[i][0];
            double yi = ring[i][1];
            double xj = ring[j][0];
            double yj = ring[j][1];
            if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) {
                in = !in;
            }
        }
        return in;
    }
}

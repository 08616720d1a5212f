package dev.ridgeline.platform;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.uber.h3core.H3Core;

/**
 * A WGS84 point with its H3 cells. Spatial search needs no PostGIS: rows store H3 cells as indexed {@code bigint}
 * columns, a radius query asks for the ring of cells around a point, and {@link #distanceMiles} filters exactly.
 */
public record GeoPoint(double latitude, double longitude) {

    /** Resolution 7 cells are about 5 km² (edge 1.2 km): the storm-exposure grain. */
    public static final int STORM_RESOLUTION = 7;
    /** Resolution 8 cells are about 0.7 km² (edge 0.46 km): the grain of radius searches of a mile or more. */
    public static final int SEARCH_RESOLUTION = 8;
    /** Resolution 9 cells are about 0.1 km² (edge 0.17 km): the property grain. */
    public static final int PROPERTY_RESOLUTION = 9;

    private static final double EARTH_RADIUS_MILES = 3958.7613;
    private static final H3Core H3 = h3();

    public GeoPoint {
        if (!Double.isFinite(latitude) || latitude < -90 || latitude > 90) {
            throw new IllegalArgumentException("latitude " + latitude + " is outside -90..90");
        }
        if (!Double.isFinite(longitude) || longitude < -180 || longitude > 180) {
            throw new IllegalArgumentException("longitude " + longitude + " is outside -180..180");
        }
    }

    /** The H3 cell containing this point at a resolution (0-15). */
    public long cell(int resolution) {
        return H3.latLngToCell(latitude, longitude, resolution);
    }

    /** The centre of an H3 cell. */
    public static GeoPoint centreOf(long cell) {
        var c = H3.cellToLatLng(cell);
        return new GeoPoint(c.lat, c.lng);
    }

    /** The corners of an H3 cell as {longitude, latitude} pairs (GeoJSON order), not closed. */
    public static java.util.List<double[]> outlineOf(long cell) {
        return H3.cellToBoundary(cell).stream().map(v -> new double[] {v.lng, v.lat}).toList();
    }

    /** An H3 cell and every cell within {@code k} rings of it. */
    public static java.util.List<Long> disk(long cell, int k) {
        return H3.gridDisk(cell, k);
    }

    /** Great-circle distance (haversine) in statute miles. */
    public double distanceMiles(GeoPoint other) {
        return miles(latitude, longitude, other.latitude, other.longitude);
    }

    /** Great-circle distance (haversine) in statute miles between two points given in degrees, for hot loops. */
    public static double miles(double lat1, double lon1, double lat2, double lon2) {
        double sinLat = Math.sin(Math.toRadians(lat2 - lat1) / 2);
        double sinLon = Math.sin(Math.toRadians(lon2 - lon1) / 2);
        double a = sinLat * sinLat + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * sinLon * sinLon;
        double x = Math.min(1, Math.sqrt(a));
        // asin by its series below x = 0.02 (up to about 160 miles), where the next term is under 1e-12 of the
        // result: the hot loops measure many short distances, and StrictMath.asin is the slow part of haversine.
        if (x < 0.02) {
            double x2 = x * x;
            return 2 * EARTH_RADIUS_MILES * x * (1 + x2 * (1.0 / 6 + x2 * (3.0 / 40 + x2 * (15.0 / 336))));
        }
        return 2 * EARTH_RADIUS_MILES * Math.asin(x);
    }

    /**
     * The cells at {@code resolution} that together cover every point within {@code miles}: the disk of k rings
     * around this point's cell, with k chosen from the cell size so nothing inside the radius is missed.
     */
    public java.util.List<Long> cellsWithin(double miles, int resolution) {
        double edgeMiles = H3.getHexagonEdgeLengthAvg(resolution, com.uber.h3core.LengthUnit.km) / 1.609344;
        // Rings are about edge * sqrt(3) apart; cells vary in size across the globe (up to about 1.4 times in edge
        // length at one resolution), so the average is shrunk by that much, and one more ring covers the centre
        // cell's own offset.
        int k = (int) Math.ceil(miles / (edgeMiles * Math.sqrt(3) / 1.4)) + 1;
        return H3.gridDisk(cell(resolution), k);
    }

    /**
     * A tighter cover than {@link #cellsWithin}: of that disk, only the cells whose centre lies within
     * {@code miles} plus the cell's circumradius (a hexagon's circumradius is its edge; 1.5 average edges allow for the largest
     * cells), so every cell that can hold
     * a point of the circle is kept and the corners of the disk are not. At resolution 9 and 2 miles the cover is
     * about 1.1 times the circle's area, against about 3 times for the whole disk at resolution 8.
     */
    public java.util.List<Long> cellsCovering(double miles, int resolution) {
        double reach = miles + H3.getHexagonEdgeLengthAvg(resolution, com.uber.h3core.LengthUnit.km) / 1.609344 * 1.5;
        java.util.List<Long> out = new java.util.ArrayList<>();
        for (long cell : cellsWithin(miles, resolution)) {
            var centre = H3.cellToLatLng(cell);
            if (distanceMiles(new GeoPoint(centre.lat, centre.lng)) <= reach) {
                out.add(cell);
            }
        }
        return out;
    }

    private static H3Core h3() {
        try {
            return H3Core.newInstance();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the H3 native library", e);
        }
    }
}

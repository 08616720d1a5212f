package dev.ridgeline.imagery;

/**
 * Web Mercator (EPSG:3857) arithmetic for 256-pixel tiles, as OpenStreetMap, Esri and Google use it: latitude and
 * longitude to global pixels and tiles at a zoom and back, the ground resolution of a zoom at a latitude, the zoom
 * that shows an extent at a wanted resolution, and the bearing from one point to another (to aim a street camera).
 */
public final class TileMath {

    /** Pixels along a tile's side. */
    public static final int TILE = 256;
    /** The equatorial circumference over 256 pixels: metres a pixel at zoom 0 on the equator. */
    public static final double METRES_PER_PIXEL_Z0 = 156_543.033_928_041;
    /** Web Mercator's latitude limit. */
    public static final double MAX_LATITUDE = 85.051_128_779_806_59;
    private static final double EARTH_RADIUS_M = 6_378_137.0;

    private TileMath() {
    }

    /** A point in global pixel space at one zoom (x east, y south, origin at 180 W, 85.05 N). */
    public record Pixel(double x, double y, int zoom) {
    }

    /** A tile: column x, row y, at a zoom. */
    public record Tile(int x, int y, int zoom) {
    }

    /** Global pixel coordinates of a point at a zoom. */
    public static Pixel toPixel(double latitude, double longitude, int zoom) {
        double lat = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, latitude));
        double size = worldSize(zoom);
        double x = (longitude + 180.0) / 360.0 * size;
        double sin = Math.sin(Math.toRadians(lat));
        double y = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size;
        return new Pixel(x, y, zoom);
    }

    /** The latitude and longitude {lat, lon} of a global pixel. */
    public static double[] toLatLon(double x, double y, int zoom) {
        double size = worldSize(zoom);
        double lon = x / size * 360.0 - 180.0;
        double n = Math.PI - 2.0 * Math.PI * y / size;
        double lat = Math.toDegrees(Math.atan(Math.sinh(n)));
        return new double[] {lat, lon};
    }

    /** The tile a point falls in. */
    public static Tile tileOf(double latitude, double longitude, int zoom) {
        Pixel p = toPixel(latitude, longitude, zoom);
        int max = (1 << zoom) - 1;
        return new Tile(clamp((int) Math.floor(p.x() / TILE), max), clamp((int) Math.floor(p.y() / TILE), max), zoom);
    }

    /** Metres on the ground a pixel covers at a latitude and zoom. */
    public static double groundResolution(double latitude, int zoom) {
        return METRES_PER_PIXEL_Z0 * Math.cos(Math.toRadians(latitude)) / (1L << zoom);
    }

    /**
     * The coarsest zoom whose pixels are at least as fine as {@code metresPerPixel} at a latitude, at most
     * {@code maxZoom}: the tiles to stitch for a crop at that resolution.
     */
    public static int zoomFor(double latitude, double metresPerPixel, int maxZoom) {
        double z = Math.log(METRES_PER_PIXEL_Z0 * Math.cos(Math.toRadians(latitude)) / metresPerPixel) / Math.log(2);
        return Math.max(0, Math.min(maxZoom, (int) Math.ceil(z - 1e-9)));
    }

    /** Web Mercator metres {x, y} of a point (EPSG:3857), for services that take a bounding box in it. */
    public static double[] toMercatorMetres(double latitude, double longitude) {
        double lat = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, latitude));
        double x = EARTH_RADIUS_M * Math.toRadians(longitude);
        double y = EARTH_RADIUS_M * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(lat) / 2));
        return new double[] {x, y};
    }

    /** The initial great-circle bearing from one point to another, in degrees clockwise from north, 0 to 360. */
    public static double bearing(double fromLat, double fromLon, double toLat, double toLon) {
        double phi1 = Math.toRadians(fromLat);
        double phi2 = Math.toRadians(toLat);
        double dLon = Math.toRadians(toLon - fromLon);
        double y = Math.sin(dLon) * Math.cos(phi2);
        double x = Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(dLon);
        double deg = Math.toDegrees(Math.atan2(y, x));
        return (deg + 360.0) % 360.0;
    }

    /** The point {lat, lon} reached going {@code metres} from a point on a bearing (spherical earth). */
    public static double[] offset(double latitude, double longitude, double bearingDeg, double metres) {
        double d = metres / EARTH_RADIUS_M;
        double b = Math.toRadians(bearingDeg);
        double phi1 = Math.toRadians(latitude);
        double lambda1 = Math.toRadians(longitude);
        double phi2 = Math.asin(Math.sin(phi1) * Math.cos(d) + Math.cos(phi1) * Math.sin(d) * Math.cos(b));
        double lambda2 = lambda1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(phi1),
                Math.cos(d) - Math.sin(phi1) * Math.sin(phi2));
        return new double[] {Math.toDegrees(phi2), (Math.toDegrees(lambda2) + 540.0) % 360.0 - 180.0};
    }

    /** Great-circle distance in metres. */
    public static double distance(double lat1, double lon1, double lat2, double lon2) {
        double dPhi = Math.toRadians(lat2 - lat1);
        double dLambda = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dPhi / 2) * Math.sin(dPhi / 2) + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2)) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    private static double worldSize(int zoom) {
        return (double) TILE * (1L << zoom);
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}

import java.lang.reflect.Constructor;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import com.uber.h3core.H3Core;

import dev.ridgeline.platform.GeoPoint;
import dev.ridgeline.platform.TenantId;

/**
 * Radius query "every property within 2 miles of a point" over N synthetic properties in one tenant (a metro area of
 * about 110 x 110 km, homes clustered in neighbourhoods), through Ridgeline's own query (H3 resolution-8 disk, then
 * haversine; rows loaded in H3 cell order, as the importer writes them), against a baseline in the same run: the same query on a plain latitude/longitude bounding box
 * (B-tree on latitude), which is what one writes without H3 or PostGIS. Prints p50/p90/p99 over Q random centres.
 *   java -cp <app classpath> bench/RadiusQueryBench.java JDBC_URL USER PASSWORD TENANT_ID [rows] [queries]
 */
public class RadiusQueryBench {

    static final double MILES = 2.0;

    public static void main(String[] args) throws Exception {
        String url = args[0];
        UUID tenant = UUID.fromString(args[3]);
        int rows = args.length > 4 ? Integer.parseInt(args[4]) : 1_000_000;
        int queries = args.length > 5 ? Integer.parseInt(args[5]) : 2_000;
        Connection c = DriverManager.getConnection(url, args[1], args[2]);
        load(c, tenant, rows);
        var ds = new SingleConnectionDataSource(c, true);
        JdbcClient jdbc = JdbcClient.create(ds);
        Class<?> type = Class.forName("dev.ridgeline.property.internal.Properties");
        Constructor<?> ctor = type.getDeclaredConstructor(JdbcClient.class);
        ctor.setAccessible(true);
        Object properties = ctor.newInstance(jdbc);
        var within = type.getMethod("within", TenantId.class, GeoPoint.class, double.class, int.class);

        Random r = new Random(7);
        List<GeoPoint> centres = new ArrayList<>();
        for (int i = 0; i < queries; i++) {
            centres.add(new GeoPoint(32.5 + 0.2 + r.nextDouble() * 0.6, -97.4 + 0.2 + r.nextDouble() * 0.8));
        }
        TenantId t = new TenantId(tenant);
        // Warm both paths (buffers, plans, the JIT), then measure alternately so noise hits both alike.
        for (int i = 0; i < Math.min(300, queries); i++) {
            within.invoke(properties, t, centres.get(i), MILES, 1_000_000);
            baseline(jdbc, tenant, centres.get(i));
        }
        long[] ours = new long[queries];
        long[] base = new long[queries];
        long found = 0;
        long foundBase = 0;
        // Each in its own block: alternating would let the baseline's wide scans evict what the other reads.
        for (int i = 0; i < queries; i++) {
            long t0 = System.nanoTime();
            found += ((List<?>) within.invoke(properties, t, centres.get(i), MILES, 1_000_000)).size();
            ours[i] = System.nanoTime() - t0;
        }
        for (int i = 0; i < queries; i++) {
            long t0 = System.nanoTime();
            foundBase += baseline(jdbc, tenant, centres.get(i));
            base[i] = System.nanoTime() - t0;
        }
        // Where the time goes: the same cells and distance filter, counted in the database (no rows moved).
        long[] server = new long[queries];
        for (int i = 0; i < queries; i++) {
            GeoPoint p = centres.get(i);
            Long[] cells = p.cellsCovering(MILES, GeoPoint.PROPERTY_RESOLUTION).toArray(Long[]::new);
            long t0 = System.nanoTime();
            jdbc.sql("""
                    select count(*) from property.property where tenant_id = :t and h3_r9 = any(:cells)
                      and 2 * 3958.7613 * asin(least(1, sqrt(power(sin(radians(latitude - :lat) / 2), 2)
                      + cos(radians(:lat)) * cos(radians(latitude)) * power(sin(radians(longitude - :lon) / 2), 2))))
                      <= :miles""").param("t", tenant).param("cells", cells).param("lat", p.latitude())
                    .param("lon", p.longitude()).param("miles", MILES).query(Long.class).single();
            server[i] = System.nanoTime() - t0;
        }
        Arrays.sort(server);
        if (found != foundBase) {
            throw new IllegalStateException("the two queries disagree: " + found + " vs " + foundBase);
        }
        Arrays.sort(ours);
        Arrays.sort(base);
        System.out.printf("%nRadius query, %.0f miles, %,d properties, %,d queries (%,.0f homes found on average)%n%n",
                MILES, rows, queries, (double) found / queries);
        System.out.printf("| %-58s | %7s | %7s | %7s |%n", "query", "p50 ms", "p90 ms", "p99 ms");
        System.out.printf("|%s|%s|%s|%s|%n", "-".repeat(60), "-".repeat(9), "-".repeat(9), "-".repeat(9));
        row("baseline: lat/lon bounding box (B-tree) + haversine", base);
        row("Ridgeline: H3 r9 cover (B-tree on cell) + haversine", ours);
        row("(where the time goes: the same search, counted in the database)", server);
        System.out.printf("%nRidgeline p99 %.1f ms (goal under 20 ms); median %.2fx the baseline's time%n",
                pct(ours, 0.99), pct(ours, 0.5) / pct(base, 0.5));
    }

    static void row(String name, long[] sorted) {
        System.out.printf("| %-58s | %7.2f | %7.2f | %7.2f |%n", name, pct(sorted, 0.5), pct(sorted, 0.9), pct(sorted, 0.99));
    }

    static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /** The same answer without H3: a bounding box on latitude and longitude, then the exact distance. */
    static int baseline(JdbcClient jdbc, UUID tenant, GeoPoint p) {
        double dLat = MILES / 69.0;
        double dLon = MILES / (69.0 * Math.cos(Math.toRadians(p.latitude())));
        return jdbc.sql("""
                select * from (select id, address, unit_key, latitude, longitude,
                  2 * 3958.7613 * asin(least(1, sqrt(power(sin(radians(latitude - :lat) / 2), 2)
                      + cos(radians(:lat)) * cos(radians(latitude)) * power(sin(radians(longitude - :lon) / 2), 2))))
                      as miles
                  from property.property where tenant_id = :t and latitude between :lat0 and :lat1
                    and longitude between :lon0 and :lon1) x
                where miles <= :miles order by miles, id""")
                .param("t", tenant).param("lat", p.latitude()).param("lon", p.longitude())
                .param("lat0", p.latitude() - dLat).param("lat1", p.latitude() + dLat)
                .param("lon0", p.longitude() - dLon).param("lon1", p.longitude() + dLon).param("miles", MILES)
                .query((ResultSet rs, int n) -> rs.getString(2)).list().size();
    }

    static void load(Connection c, UUID tenant, int rows) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select count(*) from property.property where tenant_id = '" + tenant + "'")) {
            rs.next();
            if (rs.getLong(1) >= rows) {
                return;
            }
        }
        long t0 = System.nanoTime();
        H3Core h3 = H3Core.newInstance();
        Random r = new Random(20261126);
        int neighbourhoods = 600;
        double[][] centres = new double[neighbourhoods][];
        for (int i = 0; i < neighbourhoods; i++) {
            centres[i] = new double[] {32.5 + r.nextDouble(), -97.4 + r.nextDouble() * 1.2};
        }
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy property.property (tenant_id, id, address, "
                + "address_key, house_number, postal_code, latitude, longitude, h3_r7, h3_r8, h3_r9, location_source, "
                + "created_at, updated_at) from stdin (format csv)");
        double[] lats = new double[rows];
        double[] lons = new double[rows];
        long[] r9 = new long[rows];
        for (int i = 0; i < rows; i++) {
            if (r.nextDouble() < 0.7) { // 70% in neighbourhoods about 1.5 km across, the rest spread out
                double[] n = centres[r.nextInt(neighbourhoods)];
                lats[i] = n[0] + r.nextGaussian() * 0.007;
                lons[i] = n[1] + r.nextGaussian() * 0.008;
            } else {
                lats[i] = 32.5 + r.nextDouble();
                lons[i] = -97.4 + r.nextDouble() * 1.2;
            }
            r9[i] = h3.latLngToCell(lats[i], lons[i], 9);
        }
        // Rows go in in H3 cell order, as Ridgeline's importer writes the new properties of an import.
        Integer[] order = new Integer[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Long.compare(r9[x], r9[y]));
        StringBuilder b = new StringBuilder(1 << 20);
        for (int i : order) {
            double lat = lats[i];
            double lon = lons[i];
            String number = Integer.toString(100 + i % 9900);
            String street = "BENCH ST " + (i / 9900);
            b.append(tenant).append(',').append(UUID.randomUUID()).append(',').append(number).append(' ').append(street)
                    .append(',').append(number).append(' ').append(street).append(',').append(number).append(",75")
                    .append(100 + i % 900).append(',').append(lat).append(',').append(lon).append(',')
                    .append(h3.latLngToCell(lat, lon, 7)).append(',').append(h3.latLngToCell(lat, lon, 8)).append(',')
                    .append(r9[i]).append(",IMPORT,2026-11-26T00:00:00Z,2026-11-26T00:00:00Z\n");
            if (b.length() > (1 << 20) - 512) {
                byte[] bytes = b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                b.setLength(0);
            }
        }
        byte[] bytes = b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        copy.endCopy();
        try (Statement s = c.createStatement()) {
            s.execute("analyze property.property");
        }
        System.out.printf("Loaded %,d properties in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
    }
}

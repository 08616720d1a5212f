import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.ridgeline.RidgelineApplication;
import dev.ridgeline.connections.ConnectionDraft;
import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.identity.CompanyProfile;
import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.identity.NewUser;
import dev.ridgeline.identity.Tenant;
import dev.ridgeline.imagery.ImageRequest;
import dev.ridgeline.imagery.ImageryService;
import dev.ridgeline.imagery.Purpose;
import dev.ridgeline.imagery.TileMath;
import dev.ridgeline.imagery.internal.Images;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.Role;
import dev.ridgeline.platform.UserId;

/**
 * Imagery for N homes from local tile and image servers (bench/imagery.sh): an Esri-shaped tile server and a
 * Mapillary-shaped search and photo server in this JVM, the app pointed at them with only free sources on. The
 * baseline is the same HTTP calls made bare (the tiles of each crop, the search and the photo), with the same 8
 * threads; then the router's first pass (fetch, stitch, store, ledger) and its second (everything from the cache).
 */
public final class ImageryBench {

    static final int THREADS = 8;

    public static void main(String[] args) throws Exception {
        try {
            bench(args);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    static void bench(String[] args) throws Exception {
        String db = args[0];
        Path home = Path.of(args[1]);
        int n = Integer.parseInt(args[2]);
        byte[] tile = tileJpeg();
        byte[] photo = Images.jpeg(new java.awt.image.BufferedImage(1024, 768, java.awt.image.BufferedImage.TYPE_INT_RGB));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(Executors.newFixedThreadPool(8, Thread.ofPlatform().daemon().factory()));
        String base = "http://127.0.0.1:";
        server.createContext("/esri/", ex -> send(ex, 200, "image/jpeg", tile));
        server.createContext("/cdn/", ex -> send(ex, 200, "image/jpeg", photo));
        server.createContext("/mapillary/images", ex -> {
            String q = ex.getRequestURI().getRawQuery();
            String bbox = java.net.URLDecoder.decode(q.substring(q.indexOf("bbox=") + 5).split("&")[0],
                    java.nio.charset.StandardCharsets.UTF_8);
            String[] b = bbox.split(",");
            double lon = (Double.parseDouble(b[0]) + Double.parseDouble(b[2])) / 2;
            double lat = Double.parseDouble(b[1]) + (Double.parseDouble(b[3]) - Double.parseDouble(b[1])) * 0.3;
            String json = String.format(Locale.ROOT, """
                    {"data":[{"id":"img%d","captured_at":1719000000000,"compass_angle":0,"is_pano":true,
                      "computed_geometry":{"type":"Point","coordinates":[%.7f,%.7f]},"thumb_1024_url":"%s%d/cdn/p.jpg"}]}""",
                    Math.abs(bbox.hashCode()), lon, lat, base, ex.getLocalAddress().getPort());
            send(ex, 200, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
        server.start();
        String local = base + server.getAddress().getPort();
        ConfigurableApplicationContext app = new SpringApplication(RidgelineApplication.class).run(
                "--spring.main.web-application-type=none", "--ridgeline.home=" + home, "--ridgeline.db.url=" + db,
                "--ridgeline.db.username=postgres", "--ridgeline.db.password=bench", "--logging.level.root=WARN",
                "--spring.main.banner-mode=off", "--db-scheduler.enabled=false", "--ridgeline.sequences.run=false",
                "--ridgeline.imagery.online=true", "--ridgeline.imagery.sandbox=false",
                "--ridgeline.imagery.esri-enabled=true", "--ridgeline.imagery.naip-enabled=false",
                "--ridgeline.imagery.esri-url=" + local + "/esri/World_Imagery/MapServer",
                "--ridgeline.imagery.mapillary-url=" + local + "/mapillary",
                "--ridgeline.imagery.rates.esri=100000", "--ridgeline.imagery.rates.mapillary=100000");
        try {
            IdentityService identity = app.getBean(IdentityService.class);
            Tenant t = identity.createTenant(new CompanyProfile("Imagery Bench " + UUID.randomUUID().toString().substring(0, 6),
                    "Imagery Bench LLC", "12 Main St", "Nashville", "TN", "37203", null, null, "America/Chicago"),
                    new NewUser("owner-" + UUID.randomUUID() + "@bench.test", "Owner", null, Role.OWNER), "bench-password-1");
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            UUID ownerId = jdbc.sql("select id from identity.app_user where tenant_id = :t").param("t", t.id().value())
                    .query(UUID.class).single();
            Actor owner = Actor.user(t.id(), new UserId(ownerId), Role.OWNER);
            app.getBean(ConnectionsService.class).create(owner, new ConnectionDraft(ConnectionType.IMAGERY, "mapillary",
                    "Mapillary", java.util.Map.of(), java.util.Map.of("accessToken", "MLY|bench|token")));
            // N homes on a grid in Nashville, each with a 16 x 10 m footprint.
            jdbc.sql("""
                    create temporary table bench_home as
                    select g, gen_random_uuid() as id, 36.10 + (g % 100) * 0.0006 as lat, -86.85 + (g / 100) * 0.0008 as lon
                    from generate_series(0, :n - 1) g""").param("n", n).update();
            jdbc.sql("""
                    insert into property.property (tenant_id, id, address, address_key, city, state, postal_code, time_zone,
                      latitude, longitude, created_at, updated_at)
                    select :t, id, g || ' Bench St', g || ' bench st', 'Nashville', 'TN', '37210', 'America/Chicago', lat, lon,
                      now(), now() from bench_home""").param("t", t.id().value()).update();
            jdbc.sql("""
                    insert into property.building (tenant_id, id, property_id, source, source_id, geometry, area_m2,
                      centroid_lat, centroid_lon, min_lat, max_lat, min_lon, max_lon, h3_r9, link_method, created_at, updated_at)
                    select :t, gen_random_uuid(), id, 'OSM', 'way/' || g,
                      jsonb_build_object('type', 'Polygon', 'coordinates', jsonb_build_array(jsonb_build_array(
                        jsonb_build_array(lon - 0.0000893, lat - 0.0000452), jsonb_build_array(lon + 0.0000893, lat - 0.0000452),
                        jsonb_build_array(lon + 0.0000893, lat + 0.0000452), jsonb_build_array(lon - 0.0000893, lat + 0.0000452),
                        jsonb_build_array(lon - 0.0000893, lat - 0.0000452)))),
                      160, lat, lon, lat - 0.0000452, lat + 0.0000452, lon - 0.0000893, lon + 0.0000893, 0, 'CONTAINMENT',
                      now(), now() from bench_home""").param("t", t.id().value()).update();
            List<UUID> homes = jdbc.sql("select id from bench_home order by g").query(UUID.class).list();
            List<double[]> places = jdbc.sql("select lat, lon from bench_home order by g")
                    .query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).list();
            ImageryService imagery = app.getBean(ImageryService.class);

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            // Warm-up of both paths on a few homes not measured.
            Pass bare = run("bare HTTP (same calls, no router)", places.size(), i -> bare(http, local, places.get(i)));
            long[] c0 = imagery.cacheCounts();
            Pass first = run("Ridgeline, first pass", homes.size(), i -> {
                boolean a = imagery.image(owner, homes.get(i), Purpose.ROOF_CROP, null, null).image().isPresent();
                boolean s = imagery.image(owner, homes.get(i), Purpose.STREET_VIEW, null, null).image().isPresent();
                if (!a || !s) {
                    throw new IllegalStateException("home " + i + " got aerial=" + a + " street=" + s);
                }
            });
            long[] c1 = imagery.cacheCounts();
            Pass second = run("Ridgeline, second pass", homes.size(), i -> {
                imagery.image(owner, homes.get(i), Purpose.ROOF_CROP, null, null);
                imagery.image(owner, homes.get(i), Purpose.STREET_VIEW, null, null);
            });
            long[] c2 = imagery.cacheCounts();
            BigDecimal cost = jdbc.sql("select coalesce(sum(cost_usd), 0) from imagery.ledger where tenant_id = :t")
                    .param("t", t.id().value()).query(BigDecimal.class).single();
            long calls = jdbc.sql("select coalesce(sum(units), 0) from imagery.ledger where tenant_id = :t")
                    .param("t", t.id().value()).query(Long.class).single();
            long images = jdbc.sql("select count(*) from imagery.image where tenant_id = :t").param("t", t.id().value())
                    .query(Long.class).single();
            System.out.println();
            System.out.printf(Locale.ROOT, "| pass | homes/s | images/s | p50 ms | p99 ms | cache hit rate |%n");
            System.out.printf(Locale.ROOT, "|---|---|---|---|---|---|%n");
            for (Pass p : List.of(bare, first, second)) {
                String hit = p == first ? rate(c0, c1) : p == second ? rate(c1, c2) : "–";
                System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.1f | %.1f | %s |%n", p.name, p.perSecond(),
                        p.perSecond() * 2, p.p50(), p.p99(), hit);
            }
            System.out.printf(Locale.ROOT, "%nhomes=%d images=%d calls-to-sources=%d cost=$%s first/bare=%.2f second/first=%.1f%n",
                    homes.size(), images, calls, cost.stripTrailingZeros().toPlainString(), first.perSecond() / bare.perSecond(),
                    second.perSecond() / first.perSecond());
        } finally {
            app.close();
            server.stop(0);
        }
        System.exit(0); // the tile server's threads would keep the JVM alive
    }

    interface Work {
        void run(int i) throws Exception;
    }

    record Pass(String name, double seconds, int count, List<Double> latencies) {
        double perSecond() {
            return count / seconds;
        }

        double p50() {
            return latencies.get(latencies.size() / 2);
        }

        double p99() {
            return latencies.get(Math.min(latencies.size() - 1, (int) Math.ceil(latencies.size() * 0.99) - 1));
        }
    }

    static Pass run(String name, int n, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            all.add(pool.submit(() -> {
                long t0 = System.nanoTime();
                work.run(k);
                latencies.add((System.nanoTime() - t0) / 1e6);
                return null;
            }));
        }
        try {
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "%s: %d homes in %.1f s%n", name, n, seconds);
        return new Pass(name, seconds, n, sorted);
    }

    /** The calls the router makes for one home, made bare: the crop's tiles, the street search and the photo. */
    static void bare(HttpClient http, String local, double[] at) throws Exception {
        ImageRequest r = new ImageRequest(Purpose.ROOF_CROP, at[0], at[1], 30, 0.15, 800, List.of(), null, null, null);
        int zoom = TileMath.zoomFor(at[0], r.extentMetres() / r.cropPixels(), 19);
        TileMath.Pixel c = TileMath.toPixel(at[0], at[1], zoom);
        double half = r.extentMetres() / 2 / TileMath.groundResolution(at[0], zoom);
        for (int y = (int) ((c.y() - half) / 256); y <= (int) ((c.y() + half) / 256); y++) {
            for (int x = (int) ((c.x() - half) / 256); x <= (int) ((c.x() + half) / 256); x++) {
                get(http, local + "/esri/World_Imagery/MapServer/tile/" + zoom + "/" + y + "/" + x + "?blankTile=false");
            }
        }
        double d = 0.0008;
        get(http, String.format(Locale.ROOT, "%s/mapillary/images?access_token=x&bbox=%.6f,%.6f,%.6f,%.6f", local,
                at[1] - d, at[0] - d, at[1] + d, at[0] + d));
        get(http, local + "/cdn/p.jpg");
    }

    static void get(HttpClient http, String url) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode());
        }
    }

    static String rate(long[] before, long[] after) {
        long hits = after[0] - before[0];
        long misses = after[1] - before[1];
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * hits / Math.max(1, hits + misses));
    }

    static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** An aerial-looking 256 px tile: noise, so JPEG decoding and encoding do real work. */
    static byte[] tileJpeg() {
        var img = new java.awt.image.BufferedImage(256, 256, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(3);
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                int g = 90 + random.nextInt(40);
                img.setRGB(x, y, (g - 30) << 16 | g << 8 | (g - 40));
            }
        }
        return Images.jpeg(img);
    }
}

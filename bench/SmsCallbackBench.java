import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ridgeline.RidgelineApplication;
import dev.ridgeline.connections.ConnectionDraft;
import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.identity.CompanyProfile;
import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.identity.NewUser;
import dev.ridgeline.identity.Tenant;
import dev.ridgeline.outreach.internal.CallbackJournal;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.Role;
import dev.ridgeline.platform.UserId;

/**
 * See bench/sms-callbacks.sh. The app runs in this JVM on PostgreSQL 15; the load comes from this JVM too, so app and
 * client share the machine's cores, as they would not in production.
 */
public class SmsCallbackBench {

    static final String TOKEN = "bench-auth-token";

    public static void main(String[] args) throws Exception {
        String dbUrl = args[0];
        int requests = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        Path home = Files.createTempDirectory("ridgeline-sms-bench");
        int port = 18181;
        String base = "http://localhost:" + port;
        ConfigurableApplicationContext app = new SpringApplication(RidgelineApplication.class).run(
                "--server.port=" + port, "--ridgeline.home=" + home, "--ridgeline.db.url=" + dbUrl,
                "--ridgeline.db.username=postgres", "--ridgeline.db.password=bench", "--ridgeline.public-url=" + base,
                "--logging.level.root=WARN", "--spring.main.banner-mode=off", "--server.tomcat.threads.max=200",
                "--spring.datasource.hikari.maximum-pool-size=20");
        IdentityService identity = app.getBean(IdentityService.class);
        Tenant t = identity.createTenant(new CompanyProfile("Bench Roofing " + UUID.randomUUID().toString().substring(0, 6),
                "Bench Roofing LLC", "12 Main St", "Nashville", "TN", "37203", null, null, "America/Chicago"),
                new NewUser("owner-" + UUID.randomUUID() + "@bench.test", "Owner", null, Role.OWNER), "bench-password-1");
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        UUID ownerId = jdbc.sql("select id from identity.app_user where tenant_id = :t").param("t", t.id().value())
                .query(UUID.class).single();
        Actor owner = Actor.user(t.id(), new UserId(ownerId), Role.OWNER);
        app.getBean(ConnectionsService.class).create(owner, new ConnectionDraft(ConnectionType.SMS, "twilio", "Twilio",
                Map.of("accountSid", "AC" + "0".repeat(32), "fromNumber", "+16155550100"), Map.of("authToken", TOKEN)));
        // One sent text per callback, as Twilio would report on them.
        int total = requests * 4 + 2_000;
        jdbc.sql("""
                insert into outreach.message (tenant_id, id, channel, purpose, idempotency_key, provider_id, vendor_id,
                  to_address, body, status, created_at, updated_at)
                select :t, gen_random_uuid(), 'SMS', 'NOTIFICATION', 'bench-' || g, 'twilio', 'SM' || lpad(g::text, 32, '0'),
                  '+16155550177', 'Your inspection is Tuesday at 9.', 'SENDING', now(), now()
                from generate_series(1, :n) g""").param("t", t.id().value()).param("n", total).update();
        String path = "/hooks/twilio/" + t.id() + "/status";
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger sid = new AtomicInteger();
        IntFunction<HttpRequest> callback = i -> {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("AccountSid", "AC" + "0".repeat(32));
            p.put("ApiVersion", "2010-04-01");
            p.put("From", "+16155550100");
            p.put("MessageSid", "SM" + String.format("%032d", sid.incrementAndGet()));
            p.put("MessageStatus", "delivered");
            p.put("To", "+16155550177");
            StringBuilder data = new StringBuilder(base + path);
            p.forEach((k, v) -> data.append(k).append(v));
            String form = String.join("&", p.entrySet().stream().map(e -> e.getKey() + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).toList());
            return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type",
                    "application/x-www-form-urlencoded").header("X-Twilio-Signature", hmac(data.toString()))
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        };
        IntFunction<HttpRequest> bare = i -> HttpRequest.newBuilder(URI.create(base + "/css/app.css")).GET().build();

        run(http, bare, 2_000, clients);
        run(http, callback, 2_000, clients);
        List<double[]> bareRuns = new ArrayList<>();
        List<double[]> callbackRuns = new ArrayList<>();
        List<Double> commitRuns = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            bareRuns.add(run(http, bare, requests, clients));
            callbackRuns.add(run(http, callback, requests, clients));
            commitRuns.add(commits(dbUrl, 8, 5));
        }
        CallbackJournal journal = app.getBean(CallbackJournal.class);
        long drainStart = System.nanoTime();
        while (journal.backlog() > 0) {
            Thread.sleep(50);
        }
        double drain = (System.nanoTime() - drainStart) / 1e9;
        int delivered = jdbc.sql("select count(*) from outreach.message where tenant_id = :t and status = 'DELIVERED'")
                .param("t", t.id().value()).query(Integer.class).single();
        app.close();

        double[] b = median(bareRuns);
        double[] c = median(callbackRuns);
        double commitRate = commitRuns.stream().sorted().toList().get(1);
        System.out.printf("%nTwilio delivery reports on this machine (%d cores), %d requests a round, %d concurrent "
                + "clients, medians of 3 rounds%n%n", Runtime.getRuntime().availableProcessors(), requests, clients);
        System.out.println("| measure | requests/s | p50 ms | p99 ms | ratio |");
        System.out.println("|---|---|---|---|---|");
        System.out.printf("| baseline: bare endpoint (a static file, no signature, no database) | %.0f | %.1f | %.1f | 1.00 |%n",
                b[0], b[1], b[2]);
        System.out.printf("| baseline: PostgreSQL single-row commits, 8 clients | %.0f | | | %.2f |%n", commitRate,
                commitRate / b[0]);
        System.out.printf("| Ridgeline: signed callback verified and stored before its 200 | %.0f | %.1f | %.1f | %.2f |%n",
                c[0], c[1], c[2], c[0] / b[0]);
        System.out.printf("%nAfter the last round the journal's backlog was applied in %.1f s; %d of %d reported "
                + "texts DELIVERED.%n", drain, delivered, sid.get());
    }

    static String hmac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Requests/s, p50 and p99 milliseconds; every answer must be 200. */
    static double[] run(HttpClient http, IntFunction<HttpRequest> request, int n, int clients) throws Exception {
        long[] latencies = new long[n];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    HttpRequest r = request.apply(i);
                    long t0 = System.nanoTime();
                    HttpResponse<Void> response = http.send(r, HttpResponse.BodyHandlers.discarding());
                    latencies[i] = System.nanoTime() - t0;
                    if (response.statusCode() != 200) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " requests were not answered 200");
        }
        Arrays.sort(latencies);
        return new double[] {n / seconds, latencies[n / 2] / 1e6, latencies[(int) (n * 0.99)] / 1e6};
    }

    /** Single-row insert transactions per second, {@code clients} connections for {@code seconds}. */
    static double commits(String url, int clients, int seconds) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "bench"); Statement s = c.createStatement()) {
            s.execute("create table if not exists bench_commit (id bigint generated always as identity, v text)");
        }
        AtomicInteger count = new AtomicInteger();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            done.add(pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(url, "postgres", "bench");
                        PreparedStatement p = c.prepareStatement("insert into bench_commit (v) values (?)")) {
                    c.setAutoCommit(true);
                    while (System.nanoTime() < end) {
                        p.setString(1, "delivered");
                        p.executeUpdate();
                        count.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return count.get() / (double) seconds;
    }

    static double[] median(List<double[]> runs) {
        double[] out = new double[3];
        for (int k = 0; k < 3; k++) {
            int col = k;
            out[k] = runs.stream().mapToDouble(r -> r[col]).sorted().toArray()[runs.size() / 2];
        }
        return out;
    }
}

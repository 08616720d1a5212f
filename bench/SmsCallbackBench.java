import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

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
        int seconds = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        Path home = Files.createTempDirectory("ridgeline-sms-bench");
        int port = 18181;
        String base = "http://localhost:" + port;
        SpringApplication boot = new SpringApplication(RidgelineApplication.class);
        // The bare baseline: an endpoint in the same app, behind the same filters, that reads nothing and stores
        // nothing and answers 200.
        boot.addInitializers(ctx -> ((GenericApplicationContext) ctx).registerBean("benchBareEndpoint",
                RouterFunction.class, () -> RouterFunctions.route().POST("/hooks/bench/bare",
                        r -> ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).body("ok\n")).build()));
        ConfigurableApplicationContext app = boot.run(
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
        int total = 300_000;
        jdbc.sql("""
                insert into outreach.message (tenant_id, id, channel, purpose, idempotency_key, provider_id, vendor_id,
                  to_address, body, status, created_at, updated_at)
                select :t, gen_random_uuid(), 'SMS', 'NOTIFICATION', 'bench-' || g, 'twilio', 'SM' || lpad(g::text, 32, '0'),
                  '+16155550177', 'Your inspection is Tuesday at 9.', 'SENDING', now(), now()
                from generate_series(1, :n) g""").param("t", t.id().value()).param("n", total).update();
        String path = "/hooks/twilio/status?company=" + t.id();
        // Every callback signed in advance (the load generator only replays them), one text each.
        Path signed = home.resolve("callbacks.txt");
        Path forged = home.resolve("forged.txt");
        try (var out = Files.newBufferedWriter(signed); var bad = Files.newBufferedWriter(forged)) {
            for (int i = 1; i <= total; i++) {
                Map<String, String> p = new LinkedHashMap<>();
                p.put("AccountSid", "AC" + "0".repeat(32));
                p.put("ApiVersion", "2010-04-01");
                p.put("From", "+16155550100");
                p.put("MessageSid", "SM" + String.format("%032d", i));
                p.put("MessageStatus", "delivered");
                p.put("To", "+16155550177");
                StringBuilder data = new StringBuilder(base + path);
                p.forEach((k, v) -> data.append(k).append(v));
                String body = String.join("&", p.entrySet().stream().map(e -> e.getKey() + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).toList());
                out.write(hmac(data.toString()) + "\t" + body + "\n");
                bad.write("AAAAAAAAAAAAAAAAAAAAAAAAAAA=\t" + body + "\n");
            }
        }
        String script = Path.of("bench/twilio-callbacks.lua").toAbsolutePath().toString();
        String[] forgedScript = {script, forged.toString(), path};
        wrk(base + path, forgedScript, 3, clients);
        wrk(base + path, new String[] {script, signed.toString(), path}, 3, clients);
        String[] bareScript = {script, signed.toString(), "/hooks/bench/bare"};
        wrk(base + "/hooks/bench/bare", bareScript, 3, clients);
        List<double[]> bareRuns = new ArrayList<>();
        List<double[]> refusedRuns = new ArrayList<>();
        List<double[]> callbackRuns = new ArrayList<>();
        List<Double> commitRuns = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            bareRuns.add(wrk(base + "/hooks/bench/bare", bareScript, seconds, clients));
            refusedRuns.add(wrk(base + path, forgedScript, seconds, clients));
            callbackRuns.add(wrk(base + path, new String[] {script, signed.toString(), path}, seconds, clients));
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
        double[] r = median(refusedRuns);
        double[] c = median(callbackRuns);
        double commitRate = commitRuns.stream().sorted().toList().get(1);
        System.out.printf("%nTwilio delivery reports on this machine (%d cores), wrk with %d connections for %d s a "
                + "round from a second process, medians of 3 rounds%n%n", Runtime.getRuntime().availableProcessors(),
                clients, seconds);
        System.out.println("| measure | requests/s | p50 ms | p99 ms | ratio |");
        System.out.println("|---|---|---|---|---|");
        System.out.printf("| baseline: a bare endpoint in the same app (same filters), reads and stores nothing | %.0f | %.1f | %.1f | 1.00 |%n",
                b[0], b[1], b[2]);
        System.out.printf("| the callback endpoint, signature checked and refused (403), nothing stored | %.0f | %.1f | %.1f | %.2f |%n",
                r[0], r[1], r[2], r[0] / b[0]);
        System.out.printf("| baseline: PostgreSQL single-row commits, 8 clients | %.0f | | | %.2f |%n", commitRate,
                commitRate / b[0]);
        System.out.printf("| Ridgeline: signed callback verified and stored before its 200 | %.0f | %.1f | %.1f | %.2f |%n",
                c[0], c[1], c[2], c[0] / b[0]);
        System.out.printf("%nAfter the last round the journal's backlog was applied in %.1f s; %d texts DELIVERED "
                + "(of the %d the callbacks report on).%n", drain, delivered, total);
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

    /** Runs wrk; requests/s, p50 and p99 milliseconds. Fails when any answer was not 2xx. */
    /** Where the next run of wrk starts in the callbacks file: where the last run of signed callbacks stopped. */
    static int start;

    static double[] wrk(String url, String[] script, int seconds, int connections) throws Exception {
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s",
                "--latency", "--timeout", "5s"));
        if (script != null) {
            command.addAll(List.of("-s", script[0], url, "--", script[1], script[2], String.valueOf(start), "2"));
        } else {
            command.add(url);
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean refusals = script != null && script[1].endsWith("forged.txt");
        if (p.waitFor() != 0 || out.contains("Non-2xx") != refusals) {
            throw new IllegalStateException("wrk failed or saw errors:\n" + out);
        }
        double rate = Double.parseDouble(out.replaceAll("(?s).*Requests/sec:\\s+([0-9.]+).*", "$1"));
        if (script != null && script[2].startsWith("/hooks/twilio")) {
            // The next run posts callbacks not posted yet (give or take the requests in flight at the end).
            start += Integer.parseInt(out.replaceAll("(?s).*\\s(\\d+) requests in .*", "$1"));
        }
        return new double[] {rate, millis(out, "50%"), millis(out, "99%")};
    }

    static double millis(String out, String percentile) {
        String v = out.replaceAll("(?s).*\\s" + percentile + "\\s+([0-9.]+[a-z]+).*", "$1");
        double n = Double.parseDouble(v.replaceAll("[a-z]+", ""));
        return v.endsWith("us") ? n / 1000 : v.endsWith("ms") ? n : n * 1000;
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

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ridgeline.RidgelineApplication;
import dev.ridgeline.identity.CompanyProfile;
import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.identity.NewUser;
import dev.ridgeline.identity.Tenant;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.leads.NewLead;
import dev.ridgeline.outreach.EmailTemplates;
import dev.ridgeline.outreach.template.TemplateDraft;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.Role;
import dev.ridgeline.platform.UserId;
import dev.ridgeline.sequences.DelayUnit;
import dev.ridgeline.sequences.SequenceDraft;
import dev.ridgeline.sequences.SequenceStep;
import dev.ridgeline.sequences.SequencesService;
import dev.ridgeline.sequences.StepCondition;
import dev.ridgeline.sequences.StepKind;

/**
 * See bench/sequences-crash.sh. Three modes:
 * <ul>
 * <li>{@code setup DB N HOME}: a company, an email template, a three-step sequence (email, text, email, each at once) and
 * N homes with an owner who may be emailed and texted, each a lead, all enrolled;</li>
 * <li>{@code node DB PORT HOME}: one app node on that database, until it is killed;</li>
 * <li>{@code throughput DB HOME RATE ROUNDS}: the enrolments made due at RATE steps a second (bench/sequences-throughput.sh),
 * one node in this JVM works them, and the steps a second it sustained and the due-to-sent delays are printed beside
 * PostgreSQL's own commit rate, for each of ROUNDS rounds (the enrolments are put back between rounds);</li>
 * <li>{@code check DB KILLS}: counts, from the database alone, what was sent once, twice or never, and what is
 * stuck; prints {@code enrolments=N kills=N duplicates=N lost=N stuck=N} last.</li>
 * </ul>
 */
public class SequenceCrashBench {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "setup" -> setup(args[1], Integer.parseInt(args[2]), Path.of(args[3]));
            case "node" -> node(args[1], Integer.parseInt(args[2]), Path.of(args[3])).registerShutdownHook();
            case "check" -> System.out.println(check(args[1], Integer.parseInt(args[2])));
            case "throughput" -> throughput(args[1], Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException("setup, node or check");
        }
    }

    /** One node; every node and the setup share {@code home}, where the master key of the secrets is. */
    static ConfigurableApplicationContext node(String db, int port, Path home) throws Exception {
        return new SpringApplication(RidgelineApplication.class).run("--server.port=" + port,
                "--ridgeline.home=" + home, "--ridgeline.db.url=" + db, "--ridgeline.db.username=postgres",
                "--ridgeline.db.password=bench", "--logging.level.root=WARN", "--spring.main.banner-mode=off",
                "--ridgeline.sequences.spread-minutes=0", "--db-scheduler.polling-interval=500ms",
                "--ridgeline.outreach.sandbox-step-delay=" + System.getenv().getOrDefault("BENCH_SANDBOX_DELAY", "1s"));
    }

    /**
     * A US place where it is now nearest early afternoon, with an area code of its own: texts are held to the calling
     * hours of every zone the number and the home may be in, so both must agree for the texts to go now.
     */
    record Place(ZoneId zone, String areaCode, String state) {
    }

    static Place afternoonSomewhere() {
        List<Place> places = List.of(new Place(ZoneId.of("Pacific/Honolulu"), "808", "HI"),
                new Place(ZoneId.of("America/Anchorage"), "907", "AK"),
                new Place(ZoneId.of("America/Los_Angeles"), "213", "CA"),
                new Place(ZoneId.of("America/Denver"), "303", "CO"), new Place(ZoneId.of("America/Chicago"), "312", "IL"),
                new Place(ZoneId.of("America/New_York"), "212", "NY"),
                new Place(ZoneId.of("America/Puerto_Rico"), "787", "PR"), new Place(ZoneId.of("Pacific/Guam"), "671", "GU"));
        Instant now = Instant.now();
        return places.stream().min(Comparator.comparingInt(p -> Math.abs(
                now.atZone(p.zone()).toLocalTime().toSecondOfDay() - 13 * 3600))).orElseThrow();
    }

    static void setup(String db, int n, Path home) throws Exception {
        ConfigurableApplicationContext app = new SpringApplication(RidgelineApplication.class).run(
                "--spring.main.web-application-type=none", "--ridgeline.home=" + home,
                "--ridgeline.db.url=" + db, "--ridgeline.db.username=postgres", "--ridgeline.db.password=bench",
                "--logging.level.root=WARN", "--spring.main.banner-mode=off", "--ridgeline.sequences.spread-minutes=0",
                "--db-scheduler.enabled=false", "--ridgeline.sequences.run=false");
        try {
            Place place = afternoonSomewhere();
            ZoneId zone = place.zone();
            IdentityService identity = app.getBean(IdentityService.class);
            Tenant t = identity.createTenant(new CompanyProfile("Crash Roofing " + UUID.randomUUID().toString().substring(0, 6),
                    "Crash Roofing LLC", "12 Main St", "Nashville", "TN", "37203", null, null, "America/Chicago"),
                    new NewUser("owner-" + UUID.randomUUID() + "@crash.test", "Owner", null, Role.OWNER), "crash-password-1");
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            UUID ownerId = jdbc.sql("select id from identity.app_user where tenant_id = :t").param("t", t.id().value())
                    .query(UUID.class).single();
            Actor owner = Actor.user(t.id(), new UserId(ownerId), Role.OWNER);
            UUID template = app.getBean(EmailTemplates.class).save(owner, null, new TemplateDraft("Crash follow-up",
                    "Hail near {{property.address}}", "<p>Hi {{owner.firstName | \"there\"}}, a free roof check?</p>",
                    false, false)).id();
            SequencesService sequences = app.getBean(SequencesService.class);
            var sequence = sequences.save(owner, null, new SequenceDraft("Crash test", 5, List.of(
                    new SequenceStep(0, StepKind.EMAIL, 0, DelayUnit.MINUTES, StepCondition.ALWAYS, template, null, null),
                    new SequenceStep(1, StepKind.SMS, 0, DelayUnit.MINUTES, StepCondition.ALWAYS, null,
                            "Hi {{owner.firstName | \"there\"}}, free roof check? Reply STOP to opt out.", null),
                    new SequenceStep(2, StepKind.EMAIL, 0, DelayUnit.MINUTES, StepCondition.ALWAYS, template, null, null))));
            // The homes and their owners in bulk; the leads through the service, as a person would make them.
            jdbc.sql("""
                    create temporary table crash_home as
                    select g, gen_random_uuid() as property, gen_random_uuid() as contact,
                      g || ' Crash Street' as address, '+1' || :ac || lpad((2000000 + g)::text, 7, '0') as phone
                    from generate_series(1, :n) g""").param("n", n).param("ac", place.areaCode()).update();
            String tz = zone.getId();
            jdbc.sql("""
                    insert into property.property (tenant_id, id, address, address_key, city, state, postal_code, time_zone,
                      created_at, updated_at)
                    select :t, property, address, lower(address), 'Crashville', :st, null, :tz, now(), now() from crash_home""")
                    .param("t", t.id().value()).param("tz", tz).param("st", place.state()).update();
            jdbc.sql("""
                    insert into property.contact (tenant_id, id, property_id, full_name, name_key, time_zone, created_at,
                      updated_at)
                    select :t, contact, property, 'Pat Crash', 'pat crash', :tz, now(), now() from crash_home""")
                    .param("t", t.id().value()).param("tz", tz).update();
            jdbc.sql("""
                    insert into property.contact_point (tenant_id, contact_id, channel, value, created_at)
                    select :t, contact, 'PHONE', phone, now() from crash_home
                    union all select :t, contact, 'EMAIL', 'home' || g || '@crash.example', now() from crash_home""")
                    .param("t", t.id().value()).update();
            jdbc.sql("""
                    insert into property.consent (tenant_id, id, contact_id, channel, granted, kind, source, given_at,
                      text_shown, ip, recorded_at)
                    select :t, gen_random_uuid(), contact, 'SMS', true, 'EXPRESS_WRITTEN', 'crash form', now(),
                      'I agree to receive texts about my roof.', '203.0.113.7', now() from crash_home""")
                    .param("t", t.id().value()).update();
            LeadsService leads = app.getBean(LeadsService.class);
            List<UUID> leadIds = new ArrayList<>();
            for (Map<String, Object> h : jdbc.sql("select property, address from crash_home order by g").query().listOfRows()) {
                leadIds.add(leads.createForHome(owner, new NewLead((String) h.get("address"), "Crashville",
                        place.state(), null, null, null, null, null, null), (UUID) h.get("property")).id());
            }
            int enrolled = 0;
            for (int i = 0; i < leadIds.size(); i += 1_000) {
                enrolled += sequences.enrol(owner, sequence.id(), leadIds.subList(i, Math.min(leadIds.size(), i + 1_000)),
                        "crash test").enrolled();
            }
            System.out.println("Set up " + enrolled + " enrolments in a 3-step sequence for homes in " + zone
                    + " (area code " + place.areaCode() + ")");
        } finally {
            app.close();
        }
    }

    static String check(String db, int kills) throws Exception {
        try (Connection c = DriverManager.getConnection(db, "postgres", "bench"); Statement s = c.createStatement()) {
            long enrolments = one(s, "select count(*) from sequences.enrolment");
            long stuck = one(s, "select count(*) from sequences.enrolment where status = 'ACTIVE'")
                    // and texts or emails a step recorded that are still on their way to the provider
                    + one(s, "select count(*) from outreach.message m where m.idempotency_key like 'seq:%' "
                            + "and m.status in ('QUEUED', 'SENDING') "
                            + "and not exists (select 1 from outreach.sandbox_accepted a where a.message_id = m.id)");
            // Recorded, but failed without reaching the provider (the app's own error, an outcome unknown): lost.
            long failedOnTheWay = one(s, "select count(*) from outreach.message m where m.idempotency_key like 'seq:%' "
                    + "and m.status = 'FAILED' "
                    + "and not exists (select 1 from outreach.sandbox_accepted a where a.message_id = m.id)");
            long expected = 3 * enrolments;
            long sent = one(s, "select count(distinct idempotency_key) from outreach.message where idempotency_key like 'seq:%'");
            // Twice: a step that made two messages, or a message the provider was handed twice.
            long duplicates = one(s, "select count(*) - count(distinct idempotency_key) from outreach.message "
                    + "where idempotency_key like 'seq:%'")
                    + one(s, "select coalesce(sum(n - 1), 0) from (select count(*) n from outreach.sandbox_accepted a "
                            + "join outreach.message m on m.id = a.message_id where m.idempotency_key like 'seq:%' "
                            + "group by a.message_id) x");
            return "sent=" + sent + " of " + expected + " steps; failed steps="
                    + one(s, "select count(*) from sequences.step_run where status in ('FAILED', 'SKIPPED')") + "\n"
                    + "enrolments=" + enrolments + " kills=" + kills + " duplicates=" + duplicates + " lost="
                    + (expected - sent - stuckSteps(s) + failedOnTheWay) + " stuck=" + stuck;
        }
    }

    /** Steps not sent yet because their enrolment is still running (counted as stuck, not lost). */
    static long stuckSteps(Statement s) throws Exception {
        return one(s, "select coalesce(sum(3 - next_position), 0) from sequences.enrolment where status = 'ACTIVE'");
    }

    static long one(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Steps due at a steady {@code rate} a second (the three steps of each enrolment run back to back, so the
     * enrolments start at a third of it), one node working them; per round the steps a second from the first due
     * time to the last step recorded, and the delay from due to recorded (the step's intent and its message
     * committed) and from due to accepted by the sandbox provider. Then PostgreSQL's own commit rate on the same
     * machine, the ceiling every step's commits share.
     */
    static void throughput(String db, Path home, int rate, int rounds) throws Exception {
        List<double[]> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            try (Connection c = DriverManager.getConnection(db, "postgres", "bench"); Statement s = c.createStatement()) {
                if (round > 1) {
                    s.execute("delete from outreach.sandbox_accepted");
                    s.execute("delete from outreach.message where idempotency_key like 'seq:%'");
                    s.execute("delete from sequences.step_run");
                    s.execute("update sequences.enrolment set status = 'ACTIVE', next_position = 0, stop_reason = null");
                }
                // Far off while the node starts, then due at the rate from 20 s on.
                s.execute("update sequences.enrolment set next_at = now() + interval '1 day'");
            }
            ConfigurableApplicationContext app = node(db, 18380, home);
            long enrolments;
            try (Connection c = DriverManager.getConnection(db, "postgres", "bench"); Statement s = c.createStatement()) {
                enrolments = one(s, "select count(*) from sequences.enrolment");
                s.execute("with o as (select tenant_id, id, row_number() over (order by id) - 1 as rn from sequences.enrolment) "
                        + "update sequences.enrolment e set next_at = now() + interval '5 s' + o.rn * interval '1 s' * 3 / "
                        + rate + ".0 from o where e.tenant_id = o.tenant_id and e.id = o.id");
                long deadline = System.nanoTime() + (long) ((enrolments * 3.0 / rate + 300) * 1e9);
                while (one(s, "select count(*) from sequences.enrolment where status = 'ACTIVE'") > 0
                        && System.nanoTime() < deadline) {
                    Thread.sleep(1_000);
                }
                // Wait for the provider hand-overs to catch up too (for the delay to accepted).
                while (one(s, "select count(*) from outreach.message where idempotency_key like 'seq:%'")
                        > one(s, "select count(*) from outreach.sandbox_accepted") && System.nanoTime() < deadline) {
                    Thread.sleep(1_000);
                }
            } finally {
                app.close();
            }
            try (Connection c = DriverManager.getConnection(db, "postgres", "bench"); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("""
                            select count(*), extract(epoch from max(r.finished_at) - min(r.due_at)),
                              percentile_cont(0.5) within group (order by extract(epoch from r.finished_at - r.due_at)),
                              percentile_cont(0.99) within group (order by extract(epoch from r.finished_at - r.due_at)),
                              percentile_cont(0.5) within group (order by extract(epoch from a.accepted_at - r.due_at)),
                              percentile_cont(0.99) within group (order by extract(epoch from a.accepted_at - r.due_at)),
                              count(*) filter (where r.status = 'SENT')
                            from sequences.step_run r left join outreach.sandbox_accepted a on a.message_id = r.message_id""")) {
                rs.next();
                double[] r = {rs.getLong(1) / rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
                        rs.getDouble(6), rs.getLong(7), rs.getLong(1)};
                results.add(r);
                System.out.printf("round %d: %d steps (%d sent) at %.0f/s; due to recorded p50 %.2f s p99 %.2f s; "
                        + "due to accepted p50 %.2f s p99 %.2f s%n", round, (long) r[6], (long) r[5], r[0], r[1], r[2],
                        r[3], r[4]);
            }
        }
        double commits = SmsCallbackBench.commits(db, 8, 5);
        double[] m = new double[5];
        for (int k = 0; k < 5; k++) {
            int col = k;
            m[k] = results.stream().mapToDouble(r -> r[col]).sorted().toArray()[results.size() / 2];
        }
        System.out.printf("%n| what (median of %d rounds, offered %d steps/s) | per second | due to recorded p50 / p99 | "
                + "due to provider p50 / p99 | ratio to commits |%n|---|---|---|---|---|%n", rounds, rate);
        System.out.printf("| sequence steps (email, text, email), one node | %.0f | %.2f s / %.2f s | %.2f s / %.2f s | %.3f |%n",
                m[0], m[1], m[2], m[3], m[4], m[0] / commits);
        System.out.printf("| baseline: PostgreSQL single-row commits, 8 clients | %.0f | | | 1.000 |%n", commits);
    }
}

package dev.ridgeline.outreach.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.platform.TenantId;

/**
 * Deliverability guards for marketing email, per sending mailbox (connection): a daily cap (default 50 for a
 * mailbox sending as a person, as Gmail and Outlook tolerate; none for SendGrid), a warm-up ramp from the mailbox's
 * first marketing send (10 a day, then 5 more each day up to the cap), and a pause when the last week's bounce rate
 * passes 3% or its complaint rate 0.1% (over at least {@value #MIN_VOLUME} sends), until someone resumes it.
 */
@Component
public class MailboxGuard {

    public static final int DEFAULT_CAP = 50;
    /** How the pause of a mailbox whose OAuth grant was revoked begins; connecting it again lifts only that pause. */
    public static final String ACCESS_WITHDRAWN = "its access was withdrawn at the provider";
    static final int WARM_UP_START = 10;
    static final int WARM_UP_STEP = 5;
    public static final double MAX_BOUNCE_RATE = 0.03;
    public static final double MAX_COMPLAINT_RATE = 0.001;
    public static final int MIN_VOLUME = 50;
    static final Duration RATE_WINDOW = Duration.ofDays(7);

    /** May a marketing email go out now; when not, why, and when to try again (null: when resumed). */
    public record Decision(boolean allowed, @Nullable String reason, @Nullable Instant retryAt) {

        static final Decision ALLOW = new Decision(true, null, null);
    }

    /** A mailbox's last week: sends, bounces, complaints. */
    public record Rates(int sent, int bounced, int complained) {

        public double bounceRate() {
            return sent == 0 ? 0 : (double) bounced / sent;
        }

        public double complaintRate() {
            return sent == 0 ? 0 : (double) complained / sent;
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    MailboxGuard(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The daily cap of a mailbox before warm-up: its "dailyCap" setting, else the provider's default; 0 is none. */
    public static int cap(ProviderAccount account) {
        Optional<String> set = account.setting("dailyCap");
        if (set.isPresent()) {
            try {
                return Math.max(0, Integer.parseInt(set.get().strip()));
            } catch (NumberFormatException e) {
                return DEFAULT_CAP;
            }
        }
        return switch (account.providerId()) {
            case "sandbox", "sendgrid" -> 0;
            default -> DEFAULT_CAP;
        };
    }

    /** Today's cap with the warm-up ramp applied; 0 is none. */
    public int capToday(TenantId tenant, ProviderAccount account) {
        int cap = cap(account);
        if (cap == 0 || "off".equalsIgnoreCase(account.setting("warmUp").orElse("on"))) {
            return cap;
        }
        LocalDate first = firstSentOn(tenant, account.connectionId()).orElse(today());
        long days = Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(first, today()));
        return (int) Math.min(cap, WARM_UP_START + WARM_UP_STEP * days);
    }

    public Decision check(TenantId tenant, ProviderAccount account) {
        Optional<String> paused = pausedReason(tenant, account.connectionId());
        if (paused.isPresent()) {
            return new Decision(false, "mailbox paused: " + paused.get(), null);
        }
        int cap = capToday(tenant, account);
        if (!reserve(tenant, account.connectionId(), cap == 0 ? Integer.MAX_VALUE : cap)) {
            return full(account, cap);
        }
        return Decision.ALLOW;
    }

    /** The answer for a mailbox whose {@code cap} of today is used up. */
    Decision full(ProviderAccount account, int cap) {
        Instant tomorrow = today().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(300);
        return new Decision(false, "daily cap of " + cap + " reached for this mailbox"
                + (cap < cap(account) ? " (warming up)" : "") + "; sends after midnight UTC", tomorrow);
    }

    /**
     * Takes one of today's slots, atomically (sends run in parallel): false when the day's {@code cap} is used up.
     * The first reservation starts the mailbox's warm-up.
     */
    boolean reserve(TenantId tenant, UUID connectionId, int cap) {
        return jdbc.sql("""
                insert into outreach.mailbox_state (tenant_id, connection_id, first_sent_on, day, day_count)
                values (:t, :c, :d, :d, 1)
                on conflict (tenant_id, connection_id) do update set day = :d,
                  day_count = case when mailbox_state.day = :d then mailbox_state.day_count + 1 else 1 end
                where mailbox_state.day is distinct from :d or mailbox_state.day_count < :cap
                returning day_count""")
                .param("t", tenant.value()).param("c", connectionId).param("d", today()).param("cap", cap)
                .query(Integer.class).optional().isPresent();
    }

    /**
     * Takes up to {@code n} of today's slots of a mailbox at once (a batch of marketing email); how many it got. The
     * mailbox's row is locked while the slots are counted, so nodes taking slots at once never pass the cap.
     */
    int reserveMany(TenantId tenant, UUID connectionId, int cap, int n) {
        if (n <= 0) {
            return 0;
        }
        jdbc.sql("""
                insert into outreach.mailbox_state (tenant_id, connection_id, first_sent_on, day, day_count)
                values (:t, :c, :d, :d, 0) on conflict (tenant_id, connection_id) do nothing""")
                .param("t", tenant.value()).param("c", connectionId).param("d", today()).update();
        int used = jdbc.sql("""
                select case when day = :d then day_count else 0 end from outreach.mailbox_state
                where tenant_id = :t and connection_id = :c for update""")
                .param("t", tenant.value()).param("c", connectionId).param("d", today()).query(Integer.class).single();
        int granted = (int) Math.max(0, Math.min(n, (long) cap - used));
        if (granted > 0) {
            jdbc.sql("""
                    update outreach.mailbox_state set day = :d, day_count = :count
                    where tenant_id = :t and connection_id = :c""")
                    .param("t", tenant.value()).param("c", connectionId).param("d", today())
                    .param("count", used + granted).update();
        }
        return granted;
    }

    /** Gives back a slot taken for a send that did not go out (refused by the provider). */
    public void release(TenantId tenant, UUID connectionId) {
        jdbc.sql("""
                update outreach.mailbox_state set day_count = greatest(0, day_count - 1)
                where tenant_id = :t and connection_id = :c and day = :d""")
                .param("t", tenant.value()).param("c", connectionId).param("d", today()).update();
    }

    public Rates rates(TenantId tenant, UUID connectionId) {
        Timestamp since = Timestamp.from(clock.instant().minus(RATE_WINDOW));
        int sent = jdbc.sql("""
                select count(*) from outreach.message where tenant_id = :t and connection_id = :c and purpose = 'OUTREACH'
                  and vendor_id is not null and created_at >= :since""")
                .param("t", tenant.value()).param("c", connectionId).param("since", since).query(Integer.class).single();
        var counts = jdbc.sql("""
                select count(distinct b.message_id) filter (where not b.complaint),
                       count(distinct b.message_id) filter (where b.complaint)
                from outreach.email_bounce b join outreach.message m on m.tenant_id = b.tenant_id and m.id = b.message_id
                where b.tenant_id = :t and m.connection_id = :c and m.purpose = 'OUTREACH' and m.created_at >= :since""")
                .param("t", tenant.value()).param("c", connectionId).param("since", since)
                .query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)}).single();
        return new Rates(sent, counts[0], counts[1]);
    }

    /** Pauses the mailbox when its rates are over the limits; answers the reason when this call paused it. */
    public Optional<String> pauseIfOverLimits(TenantId tenant, UUID connectionId) {
        if (pausedReason(tenant, connectionId).isPresent()) {
            return Optional.empty();
        }
        Rates r = rates(tenant, connectionId);
        if (r.sent() < MIN_VOLUME) {
            return Optional.empty();
        }
        String reason = null;
        if (r.complaintRate() > MAX_COMPLAINT_RATE) {
            reason = String.format(java.util.Locale.US, "complaint rate %.2f%% over the last 7 days (%d of %d), above "
                    + "0.1%%", 100 * r.complaintRate(), r.complained(), r.sent());
        } else if (r.bounceRate() > MAX_BOUNCE_RATE) {
            reason = String.format(java.util.Locale.US, "bounce rate %.1f%% over the last 7 days (%d of %d), above 3%%",
                    100 * r.bounceRate(), r.bounced(), r.sent());
        }
        if (reason == null) {
            return Optional.empty();
        }
        // Bounces arrive in parallel: only the call that finds the mailbox running pauses it (and tells the owners).
        int paused = jdbc.sql("""
                insert into outreach.mailbox_state (tenant_id, connection_id, first_sent_on, paused_at, pause_reason)
                values (:t, :c, :d, :now, :r)
                on conflict (tenant_id, connection_id) do update set paused_at = :now, pause_reason = :r
                where mailbox_state.paused_at is null""")
                .param("t", tenant.value()).param("c", connectionId).param("d", today())
                .param("now", Timestamp.from(clock.instant())).param("r", reason).update();
        return paused == 1 ? Optional.of(reason) : Optional.empty();
    }

    /** Pauses a mailbox for a reason other than its rates (its access was revoked); true when this call paused it. */
    public boolean pause(TenantId tenant, UUID connectionId, String reason) {
        return jdbc.sql("""
                insert into outreach.mailbox_state (tenant_id, connection_id, first_sent_on, paused_at, pause_reason)
                values (:t, :c, :d, :now, :r)
                on conflict (tenant_id, connection_id) do update set paused_at = :now, pause_reason = :r
                where mailbox_state.paused_at is null""")
                .param("t", tenant.value()).param("c", connectionId).param("d", today())
                .param("now", Timestamp.from(clock.instant())).param("r", reason).update() == 1;
    }

    /** Resumes a mailbox paused for a reason starting {@code prefix}; a pause for another reason stays. */
    public boolean resumeIf(TenantId tenant, UUID connectionId, String prefix) {
        return jdbc.sql("""
                update outreach.mailbox_state set paused_at = null, pause_reason = null
                where tenant_id = :t and connection_id = :c and paused_at is not null and pause_reason like :p""")
                .param("t", tenant.value()).param("c", connectionId).param("p", prefix + "%").update() == 1;
    }

    public boolean resume(TenantId tenant, UUID connectionId) {
        return jdbc.sql("""
                update outreach.mailbox_state set paused_at = null, pause_reason = null
                where tenant_id = :t and connection_id = :c and paused_at is not null""")
                .param("t", tenant.value()).param("c", connectionId).update() == 1;
    }

    /** After a bounce or complaint on a message: pauses its mailbox when over the limits; the connection and why. */
    public Optional<java.util.Map.Entry<UUID, String>> afterFailure(TenantId tenant, UUID messageId) {
        Optional<UUID> connection = jdbc.sql("select connection_id from outreach.message where tenant_id = :t and id = :m"
                        + " and purpose = 'OUTREACH' and connection_id is not null")
                .param("t", tenant.value()).param("m", messageId).query(UUID.class).optional();
        return connection.flatMap(c -> pauseIfOverLimits(tenant, c).map(reason -> java.util.Map.entry(c, reason)));
    }

    public Optional<String> pausedReason(TenantId tenant, UUID connectionId) {
        return jdbc.sql("select pause_reason from outreach.mailbox_state where tenant_id = :t and connection_id = :c "
                        + "and paused_at is not null")
                .param("t", tenant.value()).param("c", connectionId).query(String.class).optional();
    }

    public int sentToday(TenantId tenant, UUID connectionId) {
        return jdbc.sql("select day_count from outreach.mailbox_state where tenant_id = :t and connection_id = :c "
                        + "and day = :d")
                .param("t", tenant.value()).param("c", connectionId).param("d", today()).query(Integer.class)
                .optional().orElse(0);
    }

    private Optional<LocalDate> firstSentOn(TenantId tenant, UUID connectionId) {
        return jdbc.sql("select first_sent_on from outreach.mailbox_state where tenant_id = :t and connection_id = :c")
                .param("t", tenant.value()).param("c", connectionId).query(LocalDate.class).optional();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}

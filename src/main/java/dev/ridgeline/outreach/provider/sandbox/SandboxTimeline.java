package dev.ridgeline.outreach.provider.sandbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import dev.ridgeline.outreach.FailureClass;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.OutreachProperties;
import dev.ridgeline.outreach.OutreachService;
import dev.ridgeline.outreach.internal.MessageRepository;
import dev.ridgeline.platform.TenantId;

/**
 * Plays the sandbox's status callbacks: each is a row with the moment it is due, kept in the database so they survive
 * restarts, and {@link SandboxCallbacks} applies the due ones in batches through the same {@link OutreachService}
 * paths a vendor webhook takes. Where no scheduler runs (a CLI command), the callbacks are applied at once.
 */
@Component
class SandboxTimeline {

    private static final Logger log = LoggerFactory.getLogger(SandboxTimeline.class);
    static final String TASK = "outreach-sandbox-callback";
    /** The most reports one statement applies. */
    static final int STATEMENT_ROWS = 100;

    /**
     * The callbacks of one scheduler job, as earlier versions stored them: still run if a database upgraded from one
     * holds some.
     */
    public record Callback(String vendorId, String status, @Nullable String failureClass, @Nullable String code,
            @Nullable String detail, @Nullable Integer durationSeconds, long delayMillis, List<Callback> next)
            implements java.io.Serializable {
    }

    /** What the sandbox will report about one message it accepted. */
    record Play(TenantId tenant, String vendorId, List<SandboxRules.Step> steps) {
    }

    /** One report, due at a moment. */
    record Due(long id, TenantId tenant, String vendorId, MessageStatus status, @Nullable FailureClass failureClass,
            @Nullable String code, @Nullable String detail, @Nullable Integer durationSeconds) {

        boolean simple() {
            return !status.failed() && durationSeconds == null;
        }
    }

    private final ObjectProvider<SchedulerClient> scheduler;
    private final OutreachService outreach;
    private final OutreachProperties properties;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    SandboxTimeline(ObjectProvider<SchedulerClient> scheduler, OutreachService outreach, OutreachProperties properties,
            JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.scheduler = scheduler;
        this.outreach = outreach;
        this.properties = properties;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** Whether callbacks wait for their moment (an app with its scheduler) or are applied at once (a CLI command). */
    boolean timed() {
        return scheduler.getIfAvailable() != null;
    }

    void play(TenantId tenant, String vendorId, List<SandboxRules.Step> steps) {
        playAll(List.of(new Play(tenant, vendorId, steps)));
    }

    /** Records the callbacks of many messages in one statement. */
    void playAll(List<Play> plays) {
        if (!timed()) {
            for (Play p : plays) {
                for (SandboxRules.Step s : p.steps()) {
                    deliver(new Due(0, p.tenant(), p.vendorId(), s.status(), s.failureClass(), s.code(), s.detail(),
                            s.durationSeconds()));
                }
            }
            return;
        }
        Instant now = clock.instant();
        List<Object[]> rows = new ArrayList<>();
        for (Play p : plays) {
            for (SandboxRules.Step s : p.steps()) {
                rows.add(new Object[] {p.tenant().value(), p.vendorId(), s.status().name(),
                        s.failureClass() == null ? null : s.failureClass().name(), s.code(), s.detail(),
                        s.durationSeconds(), Timestamp.from(now.plus(properties.sandboxStepDelay()
                                .multipliedBy(s.afterSteps())))});
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into outreach.sandbox_callback (tenant_id, vendor_id, status, failure_class, code, detail,
                  duration_seconds, due_at)
                select * from unnest(cast(:t as uuid[]), cast(:v as text[]), cast(:s as text[]), cast(:fc as text[]),
                  cast(:c as text[]), cast(:d as text[]), cast(:sec as int[]), cast(:at as timestamptz[]))""")
                .param("t", column(rows, 0, UUID[]::new)).param("v", column(rows, 1, String[]::new))
                .param("s", column(rows, 2, String[]::new)).param("fc", column(rows, 3, String[]::new))
                .param("c", column(rows, 4, String[]::new)).param("d", column(rows, 5, String[]::new))
                .param("sec", column(rows, 6, Integer[]::new)).param("at", column(rows, 7, Timestamp[]::new))
                .update();
    }

    private static <T> T[] column(List<Object[]> rows, int i, java.util.function.IntFunction<T[]> array) {
        T[] out = array.apply(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            @SuppressWarnings("unchecked")
            T v = (T) rows.get(r)[i];
            out[r] = v;
        }
        return out;
    }

    /**
     * Applies up to {@code limit} due callbacks, oldest first, and deletes them in the same transaction; how many.
     * Successive reports of one message go in order; the plain ones (sent, delivered) of different messages go
     * together through {@link OutreachService#recordStatuses}.
     */
    int applyDue(int limit) {
        Integer applied;
        try {
            applied = tx.execute(s -> {
                List<Due> due = claimDue(limit);
                apply(due);
                return due.size();
            });
        } catch (RuntimeException e) {
            // One bad report must not hold up the others: each on its own, the failing one dropped.
            log.warn("Applying sandbox callbacks together failed ({}); applying them one by one", e.toString());
            applied = 0;
            for (int i = 0; i < limit; i++) {
                try {
                    Integer one = tx.execute(s -> {
                        List<Due> due = claimDue(1);
                        try {
                            apply(due);
                        } catch (RuntimeException bad) {
                            s.setRollbackOnly();
                            throw bad;
                        }
                        return due.size();
                    });
                    if (one == null || one == 0) {
                        break;
                    }
                    applied += one;
                } catch (RuntimeException bad) {
                    tx.executeWithoutResult(s -> claimDue(1).forEach(d -> log.warn(
                            "Dropped sandbox callback {} {} for {}: {}", d.id(), d.status(), d.vendorId(), bad.toString())));
                }
            }
        }
        return applied == null ? 0 : applied;
    }

    private List<Due> claimDue(int limit) {
        return jdbc.sql("""
                delete from outreach.sandbox_callback where id in (
                  select id from outreach.sandbox_callback where due_at <= :now order by due_at, id limit :n
                  for update skip locked)
                returning id, tenant_id, vendor_id, status, failure_class, code, detail, duration_seconds, due_at""")
                .param("now", Timestamp.from(clock.instant())).param("n", limit)
                .query((rs, n) -> {
                    String fc = rs.getString(5);
                    return new Due(rs.getLong(1), new TenantId(rs.getObject(2, UUID.class)), rs.getString(3),
                            MessageStatus.valueOf(rs.getString(4)), fc == null ? null : FailureClass.valueOf(fc),
                            rs.getString(6), rs.getString(7), (Integer) rs.getObject(8));
                }).list().stream()
                .sorted(java.util.Comparator.comparing((Due d) -> d.id()))
                .toList();
    }

    private void apply(List<Due> due) {
        Map<String, Due> batch = new LinkedHashMap<>();
        for (Due d : due) {
            if (d.simple() && !batch.containsKey(d.vendorId())) {
                batch.put(d.vendorId(), d);
                continue;
            }
            flush(batch);
            if (d.simple()) {
                batch.put(d.vendorId(), d);
            } else {
                deliver(d);
            }
        }
        flush(batch);
    }

    private void flush(Map<String, Due> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<MessageRepository.VendorStatus> all = batch.values().stream().map(d -> new MessageRepository.VendorStatus(
                d.tenant(), d.vendorId(), d.status(), d.detail())).toList();
        // A hundred at a time: measured here under load, a statement of 500 reports took 1 to 2 s where five of
        // 100 took 0.1 to 0.3 s together.
        for (int i = 0; i < all.size(); i += STATEMENT_ROWS) {
            outreach.recordStatuses("sandbox", all.subList(i, Math.min(all.size(), i + STATEMENT_ROWS)));
        }
        batch.clear();
    }

    private void deliver(Due d) {
        // The call length first: whoever sees the call completed also sees how long it was.
        if (d.durationSeconds() != null) {
            outreach.recordCallDuration("sandbox", d.vendorId(), d.durationSeconds());
        }
        outreach.recordStatus("sandbox", d.vendorId(), d.status(), d.failureClass(), d.code(), d.detail());
    }

    /** A callback of an earlier version's scheduler job: it and the rest of its chain, in order, now. */
    void deliverLegacy(Callback cb) {
        deliver(new Due(0, new TenantId(new UUID(0, 0)), cb.vendorId(), MessageStatus.valueOf(cb.status()),
                cb.failureClass() == null ? null : FailureClass.valueOf(cb.failureClass()), cb.code(), cb.detail(),
                cb.durationSeconds()));
        cb.next().forEach(this::deliverLegacy);
    }

    @Configuration(proxyBeanMethods = false)
    static class Jobs {

        @Bean
        OneTimeTask<Callback> sandboxCallbackTask(ObjectProvider<SandboxTimeline> timeline) {
            return Tasks.oneTime(TASK, Callback.class)
                    .execute((instance, ctx) -> timeline.getObject().deliverLegacy(instance.getData()));
        }
    }
}

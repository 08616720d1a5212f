package dev.ridgeline.outreach.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ridgeline.platform.TenantId;

/**
 * Stores provider callbacks durably before they are answered, many per commit. A request hands its callback to
 * the journal and waits; one writer takes whatever has queued up (up to {@value #BATCH}), writes it in one
 * statement and one commit, and only then releases the waiting requests, which answer 2xx. Under load the commits
 * are shared by hundreds of requests; alone, a request waits no longer than its own commit. Appliers then read
 * the journal in order ({@link #pending}) and mark what they applied: nothing acknowledged can be lost, and a
 * callback applied twice is harmless (callbacks are deduplicated by the provider's ids).
 */
@Component
public class CallbackJournal implements DisposableBean {

    /** One stored callback waiting to be applied. */
    public record Entry(long id, String providerId, TenantId tenantId, String payload) {
    }

    static final int BATCH = 1_000;
    private static final Logger log = LoggerFactory.getLogger(CallbackJournal.class);

    private record Pending(String providerId, TenantId tenant, String payload, CompletableFuture<Void> stored) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(50_000);
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Thread writer;
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    CallbackJournal(JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.writer = Thread.ofPlatform().name("callback-journal").daemon().start(this::write);
    }

    /** Called after every commit, so appliers can start at once. */
    public void onStored(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * Stores a callback; returns once it is committed. Throws when the journal cannot take it in time (the
     * provider then gets a 503 and retries: nothing is acknowledged that was not stored).
     */
    public void append(String providerId, TenantId tenant, String payload) {
        Pending p = new Pending(providerId, tenant, payload, new CompletableFuture<>());
        try {
            if (!queue.offer(p, 2, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the callback journal is full");
            }
            p.stored().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing a callback", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the callback could not be stored: " + e.getMessage(), e);
        }
    }

    private void write() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (running) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                store(batch);
                batch.forEach(p -> p.stored().complete(null));
                listeners.forEach(Runnable::run);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Storing {} callbacks failed", batch.size(), e);
                batch.forEach(p -> p.stored().completeExceptionally(e));
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            } finally {
                batch.clear();
            }
        }
    }

    private void store(List<Pending> batch) {
        String[] providers = new String[batch.size()];
        UUID[] tenants = new UUID[batch.size()];
        String[] payloads = new String[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            providers[i] = batch.get(i).providerId();
            tenants[i] = batch.get(i).tenant().value();
            payloads[i] = batch.get(i).payload();
        }
        tx.executeWithoutResult(s -> jdbc.sql("""
                insert into outreach.callback_journal (provider_id, tenant_id, payload, received_at)
                select p, t, b, :now from unnest(cast(:p as text[]), cast(:t as uuid[]), cast(:b as text[])) as x(p, t, b)""")
                .param("p", providers).param("t", tenants).param("b", payloads)
                .param("now", Timestamp.from(clock.instant())).update());
    }

    /** The oldest callbacks of a provider not applied yet, locked for this transaction (other nodes skip them). */
    public List<Entry> pending(String providerId, int limit) {
        return jdbc.sql("""
                select id, provider_id, tenant_id, payload from outreach.callback_journal
                where applied_at is null and provider_id = :p order by id limit :l for update skip locked""")
                .param("p", providerId).param("l", limit)
                .query((rs, n) -> new Entry(rs.getLong(1), rs.getString(2), new TenantId(rs.getObject(3, UUID.class)),
                        rs.getString(4))).list();
    }

    public void applied(List<Long> ids) {
        jdbc.sql("update outreach.callback_journal set applied_at = :now where id = any(cast(:ids as bigint[]))")
                .param("ids", ids.toArray(Long[]::new)).param("now", Timestamp.from(clock.instant())).update();
    }

    /** How many callbacks wait to be applied (for tests and health). */
    public int backlog() {
        return jdbc.sql("select count(*) from outreach.callback_journal where applied_at is null")
                .query(Integer.class).single();
    }

    @Override
    public void destroy() throws InterruptedException {
        running = false;
        writer.join(2_000);
    }
}

package dev.ridgeline.outreach.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.outreach.FailureClass;
import dev.ridgeline.outreach.InboundMedia;
import dev.ridgeline.outreach.ProviderException;
import dev.ridgeline.outreach.SmsProvider.FetchedMedia;
import dev.ridgeline.platform.TenantId;

/**
 * Pictures and files that came with inbound texts. They are recorded with the text (the provider's URL), then
 * fetched with the company's credentials just after the text is committed (and by a sweep every minute, for what
 * failed in passing or another node left), and kept: a vendor's media URL needs its credentials and expires, and a
 * homeowner's photo of a leaking ceiling is worth keeping. A file fails for good after {@value #MAX_ATTEMPTS}
 * tries, when it is larger than {@value #MAX_BYTES} bytes (MMS carries at most 5 MB), or when its address is not
 * the provider's.
 */
@Component
public class InboundMediaStore {

    /** One media file of a text, as the conversation shows it. */
    public record Media(UUID replyId, int position, String contentType, String status, @Nullable Integer sizeBytes,
            @Nullable String error) {

        public boolean image() {
            return "STORED".equals(status) && contentType.startsWith("image/");
        }
    }

    /** The stored bytes of one file. */
    public record Content(String contentType, byte[] bytes) {
    }

    static final int MAX_BYTES = 5 * 1024 * 1024;
    static final int MAX_ATTEMPTS = 5;
    private static final List<Duration> BACKOFF = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2));
    private static final Logger log = LoggerFactory.getLogger(InboundMediaStore.class);

    private final JdbcClient jdbc;
    private final ConnectionsService connections;
    private final ProviderRegistry providers;
    private final Clock clock;
    private final Executor executor = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("inbound-media")
            .daemon().factory());
    private final AtomicBoolean sweeping = new AtomicBoolean();

    InboundMediaStore(JdbcClient jdbc, ConnectionsService connections, ProviderRegistry providers, Clock clock) {
        this.jdbc = jdbc;
        this.connections = connections;
        this.providers = providers;
        this.clock = clock;
    }

    /** Records the files of a text just stored (at most ten, as MMS allows); they are fetched after the commit. */
    public void record(TenantId tenant, UUID replyId, List<InboundMedia> media) {
        int position = 0;
        for (InboundMedia m : media.stream().limit(10).toList()) {
            jdbc.sql("""
                    insert into outreach.inbound_media (tenant_id, reply_id, position, content_type, source_url, next_try_at)
                    values (:t, :r, :p, :type, :url, :now)""")
                    .param("t", tenant.value()).param("r", replyId).param("p", position++)
                    .param("type", m.contentType().isBlank() ? "application/octet-stream" : m.contentType().strip())
                    .param("url", m.url()).param("now", Timestamp.from(clock.instant())).update();
        }
        if (position > 0 && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    executor.execute(InboundMediaStore.this::fetchDue);
                }
            });
        }
    }

    @Bean
    RecurringTask<Void> inboundMediaSweep() {
        return Tasks.recurring("sms-inbound-media", FixedDelay.of(Duration.ofMinutes(1)))
                .execute((instance, ctx) -> fetchDue());
    }

    private record Due(TenantId tenant, UUID replyId, int position, String contentType, String url, int attempts,
            String source) {
    }

    /** Fetches every file that is due; how many were stored. */
    public int fetchDue() {
        if (!sweeping.compareAndSet(false, true)) {
            return 0;
        }
        try {
            int stored = 0;
            List<Due> due;
            while (!(due = claim()).isEmpty()) {
                for (Due d : due) {
                    stored += fetch(d) ? 1 : 0;
                }
            }
            return stored;
        } finally {
            sweeping.set(false);
        }
    }

    /** Claims up to ten due files by moving their next try out of the way (other nodes skip them meanwhile). */
    private List<Due> claim() {
        Instant now = clock.instant();
        return jdbc.sql("""
                update outreach.inbound_media m set attempts = m.attempts + 1, next_try_at = :later
                from outreach.inbound_message r
                where r.tenant_id = m.tenant_id and r.id = m.reply_id
                  and (m.tenant_id, m.reply_id, m.position) in (
                    select tenant_id, reply_id, position from outreach.inbound_media
                    where status = 'PENDING' and next_try_at <= :now order by next_try_at limit 10 for update skip locked)
                returning m.tenant_id, m.reply_id, m.position, m.content_type, m.source_url, m.attempts, r.source""")
                .param("now", Timestamp.from(now)).param("later", Timestamp.from(now.plus(Duration.ofMinutes(10))))
                .query((rs, n) -> new Due(new TenantId(rs.getObject(1, UUID.class)), rs.getObject(2, UUID.class),
                        rs.getInt(3), rs.getString(4), rs.getString(5), rs.getInt(6), rs.getString(7)))
                .list();
    }

    private boolean fetch(Due d) {
        try {
            ProviderAccount account = "sandbox".equals(d.source()) ? ProviderAccount.sandbox(d.tenant())
                    : connections.activeAccount(d.tenant(), ConnectionType.SMS);
            if (!account.providerId().equals(d.source())) {
                throw new ProviderException(FailureClass.PERMANENT, "connection-gone", "the " + d.source()
                        + " connection the text came through is no longer the company's text connection");
            }
            FetchedMedia media = providers.sms(d.source()).fetchMedia(d.url(), account, MAX_BYTES);
            jdbc.sql("""
                    update outreach.inbound_media set status = 'STORED', bytes = :b, size_bytes = :n, content_type = :type,
                      error = null, fetched_at = :now
                    where tenant_id = :t and reply_id = :r and position = :p""")
                    .param("b", media.bytes()).param("n", media.bytes().length).param("type", media.contentType())
                    .param("now", Timestamp.from(clock.instant())).param("t", d.tenant().value())
                    .param("r", d.replyId()).param("p", d.position()).update();
            return true;
        } catch (ProviderException e) {
            boolean last = e.failureClass() == FailureClass.PERMANENT || d.attempts() >= MAX_ATTEMPTS;
            Duration wait = BACKOFF.get(Math.min(d.attempts(), BACKOFF.size()) - 1);
            jdbc.sql("""
                    update outreach.inbound_media set status = :s, error = :e, next_try_at = :next
                    where tenant_id = :t and reply_id = :r and position = :p""")
                    .param("s", last ? "FAILED" : "PENDING").param("e", e.getMessage())
                    .param("next", Timestamp.from(clock.instant().plus(wait))).param("t", d.tenant().value())
                    .param("r", d.replyId()).param("p", d.position()).update();
            log.warn("Media {} of text {} ({}) not fetched{}: {}", d.position(), d.replyId(), d.tenant(),
                    last ? " and given up" : ", trying again in " + wait.toMinutes() + " min", e.getMessage());
            return false;
        }
    }

    /** The files of a company's texts, by text. */
    public List<Media> of(TenantId tenant, List<UUID> replyIds) {
        if (replyIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select reply_id, position, content_type, status, size_bytes, error from outreach.inbound_media
                where tenant_id = :t and reply_id = any(cast(:ids as uuid[])) order by reply_id, position""")
                .param("t", tenant.value()).param("ids", replyIds.toArray(UUID[]::new))
                .query((rs, n) -> new Media(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3),
                        rs.getString(4), (Integer) rs.getObject(5), rs.getString(6)))
                .list();
    }

    /** A stored file's bytes; empty when it is not the company's or not fetched (yet). */
    public Optional<Content> content(TenantId tenant, UUID replyId, int position) {
        return jdbc.sql("""
                select content_type, bytes from outreach.inbound_media
                where tenant_id = :t and reply_id = :r and position = :p and status = 'STORED'""")
                .param("t", tenant.value()).param("r", replyId).param("p", position)
                .query((rs, n) -> new Content(rs.getString(1), rs.getBytes(2))).optional();
    }
}

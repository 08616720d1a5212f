package dev.ridgeline.outreach.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.platform.TenantId;

/**
 * Keeps a texting sender within its registered throughput (10DLC tiers allow from a few to hundreds of messages a
 * minute): every text takes the sender's next free moment, atomically across nodes; a text whose moment is still
 * ahead waits in the queue until then, keeping its moment, instead of being sent and refused with a 429.
 */
@Component
class SenderPace {

    /** Default messages a minute for a real provider; the sandbox has no limit. */
    static final int DEFAULT_PER_MINUTE = 60;

    private final JdbcClient jdbc;
    private final Clock clock;

    SenderPace(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The connection's limit: its "messagesPerMinute" setting, else 60 (0 or the sandbox: none). */
    static int perMinute(ProviderAccount account) {
        Optional<String> set = account.setting("messagesPerMinute");
        if (set.isPresent()) {
            try {
                return Math.max(0, Integer.parseInt(set.get().strip()));
            } catch (NumberFormatException e) {
                return DEFAULT_PER_MINUTE;
            }
        }
        return "sandbox".equals(account.providerId()) ? 0 : DEFAULT_PER_MINUTE;
    }

    /**
     * When the message may go: null for now, else the moment it must wait for (already reserved for it). A message
     * that waited comes back with its moment and goes without taking another.
     */
    @Nullable Instant turn(TenantId tenant, UUID messageId, ProviderAccount account) {
        int perMinute = perMinute(account);
        if (perMinute == 0) {
            return null;
        }
        Instant now = clock.instant();
        Optional<Instant> reserved = jdbc.sql("select paced_until from outreach.message where tenant_id = :t and id = :m")
                .param("t", tenant.value()).param("m", messageId).query(Timestamp.class).optional()
                .map(Timestamp::toInstant);
        if (reserved.isPresent()) {
            return reserved.get().isAfter(now.plusMillis(500)) ? reserved.get() : null;
        }
        Duration gap = Duration.ofNanos(60_000_000_000L / perMinute);
        Instant slot = jdbc.sql("""
                insert into outreach.sender_pace (tenant_id, connection_id, next_at)
                values (:t, :c, cast(:now as timestamptz) + make_interval(secs => :gap))
                on conflict (tenant_id, connection_id) do update
                  set next_at = greatest(sender_pace.next_at, cast(:now as timestamptz)) + make_interval(secs => :gap)
                returning next_at - make_interval(secs => :gap)""")
                .param("t", tenant.value()).param("c", account.connectionId()).param("now", Timestamp.from(now))
                .param("gap", gap.toNanos() / 1e9)
                .query(Timestamp.class).single().toInstant();
        if (!slot.isAfter(now.plusMillis(500))) {
            return null;
        }
        jdbc.sql("update outreach.message set paced_until = :s where tenant_id = :t and id = :m")
                .param("t", tenant.value()).param("m", messageId).param("s", Timestamp.from(slot)).update();
        return slot;
    }
}

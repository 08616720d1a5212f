package dev.ridgeline.outreach.provider.sandbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.ridgeline.connections.ProviderAccount;

/**
 * What the sandbox, as a vendor, accepted: one row per hand-over, committed at once and apart from the sender's
 * bookkeeping, the way a vendor's records are. It is how the crash test tells a message sent once from one handed
 * over twice.
 */
@Component
class SandboxLedger {

    private final JdbcClient jdbc;
    private final Clock clock;

    SandboxLedger(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void accepted(ProviderAccount account, UUID messageId, String channel) {
        jdbc.sql("""
                insert into outreach.sandbox_accepted (tenant_id, message_id, channel, accepted_at)
                values (:t, :m, :c, :now)""")
                .param("t", account.tenantId().value()).param("m", messageId).param("c", channel)
                .param("now", Timestamp.from(clock.instant())).update();
    }

    /** Whether the sandbox accepted the message (at least once). */
    boolean has(UUID messageId) {
        return jdbc.sql("select exists (select 1 from outreach.sandbox_accepted where message_id = :m)")
                .param("m", messageId).query(Boolean.class).single();
    }
}

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

    /** Many messages accepted at once, in one statement. */
    void acceptedAll(ProviderAccount account, java.util.List<UUID> messageIds, String channel) {
        if (messageIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into outreach.sandbox_accepted (tenant_id, message_id, channel, accepted_at)
                select :t, m, :c, :now from unnest(cast(:m as uuid[])) m""")
                .param("t", account.tenantId().value()).param("m", messageIds.toArray(UUID[]::new)).param("c", channel)
                .param("now", Timestamp.from(clock.instant())).update();
    }

    /**
     * A batch hand-over as the sandbox takes it: each message's rules weighed (a reserved address is refused as one at
     * a time would be), then the ledger and the callbacks of those taken in a statement each.
     */
    static <E> java.util.List<dev.ridgeline.outreach.Handover> batch(java.util.List<E> envelopes,
            java.util.function.Function<E, UUID> id, java.util.function.Function<E, java.util.List<SandboxRules.Step>> rules,
            java.util.function.Function<UUID, String> vendorId, dev.ridgeline.outreach.MessageStatus status,
            String channel, ProviderAccount account, SandboxLedger ledger, SandboxTimeline timeline) {
        java.util.List<dev.ridgeline.outreach.Handover> out = new java.util.ArrayList<>(envelopes.size());
        java.util.List<UUID> taken = new java.util.ArrayList<>();
        java.util.List<SandboxTimeline.Play> plays = new java.util.ArrayList<>();
        for (E e : envelopes) {
            UUID messageId = id.apply(e);
            try {
                plays.add(new SandboxTimeline.Play(account.tenantId(), vendorId.apply(messageId), rules.apply(e)));
                taken.add(messageId);
                out.add(new dev.ridgeline.outreach.Handover(new dev.ridgeline.outreach.ProviderReceipt(
                        vendorId.apply(messageId), status, null), null));
            } catch (RuntimeException refused) {
                out.add(new dev.ridgeline.outreach.Handover(null, refused));
            }
        }
        ledger.acceptedAll(account, taken, channel);
        timeline.playAll(plays);
        return out;
    }

    /** Whether the sandbox accepted the message (at least once). */
    boolean has(UUID messageId) {
        return jdbc.sql("select exists (select 1 from outreach.sandbox_accepted where message_id = :m)")
                .param("m", messageId).query(Boolean.class).single();
    }
}

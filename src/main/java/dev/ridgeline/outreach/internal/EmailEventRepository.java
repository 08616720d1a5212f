package dev.ridgeline.outreach.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.ridgeline.platform.TenantId;

/** Rows of {@code outreach.email_event} and {@code outreach.provider_event}. */
@Repository
public class EmailEventRepository {

    private final JdbcClient jdbc;

    EmailEventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True the first time a provider's event id is seen; false for a redelivery. */
    public boolean firstSight(String providerId, String eventId, Instant now) {
        return jdbc.sql("""
                insert into outreach.provider_event (provider_id, event_id, received_at) values (:p, :e, :now)
                on conflict do nothing""")
                .param("p", providerId).param("e", eventId).param("now", Timestamp.from(now)).update() == 1;
    }

    /** {@link #firstSight} for many events in one statement: those seen now for the first time. */
    public java.util.Set<String> firstSights(String providerId, List<String> eventIds, Instant now) {
        if (eventIds.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("""
                insert into outreach.provider_event (provider_id, event_id, received_at)
                select :p, e, :now from unnest(cast(:e as text[])) as e
                on conflict do nothing returning event_id""")
                .param("p", providerId).param("e", eventIds.toArray(String[]::new)).param("now", Timestamp.from(now))
                .query(String.class).list());
    }

    public void insert(TenantId tenant, UUID id, UUID messageId, String kind, boolean machine, @Nullable String url,
            @Nullable String userAgent, String source, Instant at) {
        jdbc.sql("""
                insert into outreach.email_event (tenant_id, id, message_id, kind, machine, url, user_agent, source,
                  occurred_at)
                values (:t, :id, :m, :k, :machine, :url, :ua, :src, :at)""")
                .param("t", tenant.value()).param("id", id).param("m", messageId).param("k", kind)
                .param("machine", machine).param("url", url)
                .param("ua", userAgent == null ? null : userAgent.substring(0, Math.min(300, userAgent.length())))
                .param("src", source).param("at", Timestamp.from(at)).update();
    }
}

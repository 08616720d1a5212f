package dev.ridgeline.identity.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.ridgeline.identity.AuditEntry;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;

@Repository
public class AuditRepository {

    private final JdbcClient jdbc;

    AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, @Nullable TenantId tenant, @Nullable UserId actor, String action, String summary,
            @Nullable String ip, Instant at) {
        jdbc.sql("""
                insert into identity.audit_event (id, tenant_id, actor_id, action, summary, ip, occurred_at)
                values (:id, :t, :a, :action, :summary, :ip, :at)""")
                .param("id", id).param("t", tenant == null ? null : tenant.value())
                .param("a", actor == null ? null : actor.value()).param("action", action).param("summary", summary)
                .param("ip", ip).param("at", Timestamp.from(at)).update();
    }

    public List<AuditEntry> page(TenantId tenant, @Nullable String actionPrefix, int limit, int offset) {
        return jdbc.sql("""
                select e.occurred_at, e.action, e.summary, u.name, e.ip
                from identity.audit_event e
                left join identity.app_user u on u.tenant_id = e.tenant_id and u.id = e.actor_id
                where e.tenant_id = :t and (cast(:prefix as text) is null or e.action like cast(:prefix as text) || '%')
                order by e.occurred_at desc, e.id desc
                limit :limit offset :offset""")
                .param("t", tenant.value()).param("prefix", actionPrefix).param("limit", limit).param("offset", offset)
                .query((rs, n) -> new AuditEntry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)))
                .list();
    }
}

package dev.ridgeline.signals.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

import dev.ridgeline.platform.TenantId;
import dev.ridgeline.signals.PermitProfile;

/** A company's saved permit column mappings, stored as JSON. */
@Repository
public class PermitProfiles {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    PermitProfiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<PermitProfile> list(TenantId tenant) {
        return jdbc.sql("select definition::text from signals.permit_profile where tenant_id = :t order by name")
                .param("t", tenant.value()).query((rs, n) -> JSON.readValue(rs.getString(1), PermitProfile.class)).list();
    }

    public Optional<PermitProfile> find(TenantId tenant, String name) {
        return jdbc.sql("select definition::text from signals.permit_profile where tenant_id = :t and lower(name) = lower(:n)")
                .param("t", tenant.value()).param("n", name)
                .query((rs, n) -> JSON.readValue(rs.getString(1), PermitProfile.class)).optional();
    }

    public void save(TenantId tenant, PermitProfile profile, Instant now) {
        jdbc.sql("""
                insert into signals.permit_profile (tenant_id, name, definition, created_at, updated_at)
                values (:t, :n, cast(:d as jsonb), :now, :now)
                on conflict (tenant_id, name) do update set definition = excluded.definition, updated_at = excluded.updated_at""")
                .param("t", tenant.value()).param("n", profile.name()).param("d", JSON.writeValueAsString(profile))
                .param("now", Timestamp.from(now)).update();
    }

    public boolean delete(TenantId tenant, String name) {
        return jdbc.sql("delete from signals.permit_profile where tenant_id = :t and lower(name) = lower(:n)")
                .param("t", tenant.value()).param("n", name).update() > 0;
    }
}

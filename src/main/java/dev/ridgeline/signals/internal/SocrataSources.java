package dev.ridgeline.signals.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.ridgeline.platform.SecretCipher;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.signals.SocrataSource;

/** Socrata sources and their sync state; app tokens are stored only as AEAD ciphertexts bound to their row. */
@Repository
public class SocrataSources {

    private final JdbcClient jdbc;
    private final SecretCipher cipher;

    SocrataSources(JdbcClient jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public void insert(TenantId tenant, UUID id, String name, String url, @Nullable String where,
            @Nullable String dateField, String profile, @Nullable String token, Instant now) {
        jdbc.sql("""
                insert into signals.socrata_source (tenant_id, id, name, dataset_url, where_clause, date_field, profile,
                  app_token, created_at)
                values (:t, :id, :name, :url, :where, :field, :profile, :token, :now)""")
                .param("t", tenant.value()).param("id", id).param("name", name).param("url", url).param("where", where)
                .param("field", dateField).param("profile", profile)
                .param("token", token == null ? null : cipher.encrypt(token, aad(tenant, id)))
                .param("now", Timestamp.from(now)).update();
    }

    public boolean nameTaken(TenantId tenant, String name) {
        return jdbc.sql("select count(*) from signals.socrata_source where tenant_id = :t and lower(name) = lower(:n)")
                .param("t", tenant.value()).param("n", name).query(Long.class).single() > 0;
    }

    public List<SocrataSource> list(TenantId tenant) {
        return jdbc.sql("select * from signals.socrata_source where tenant_id = :t order by name")
                .param("t", tenant.value()).query(SocrataSources::map).list();
    }

    public Optional<SocrataSource> find(TenantId tenant, UUID id) {
        return jdbc.sql("select * from signals.socrata_source where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", id).query(SocrataSources::map).optional();
    }

    /** Every source of every company, for the scheduled sync. */
    public List<Object[]> all() {
        return jdbc.sql("select tenant_id, id from signals.socrata_source order by tenant_id, id")
                .query((rs, n) -> new Object[] {new TenantId(rs.getObject(1, UUID.class)), rs.getObject(2, UUID.class)})
                .list();
    }

    public Optional<String> token(TenantId tenant, UUID id) {
        return jdbc.sql("select app_token from signals.socrata_source where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", id)
                .query((rs, n) -> rs.getBytes(1)).optional().filter(b -> b != null)
                .map(b -> cipher.decrypt(b, aad(tenant, id)));
    }

    public void ran(TenantId tenant, UUID id, @Nullable String lastValue, @Nullable UUID importId,
            @Nullable String failure, Instant now) {
        jdbc.sql("""
                update signals.socrata_source set last_value = coalesce(:value, last_value), last_run_at = :now,
                  last_import_id = coalesce(:import, last_import_id), last_failure = :failure
                where tenant_id = :t and id = :id""")
                .param("t", tenant.value()).param("id", id).param("value", lastValue).param("import", importId)
                .param("failure", failure).param("now", Timestamp.from(now)).update();
    }

    private static String aad(TenantId tenant, UUID id) {
        return "socrata_source:" + tenant.value() + ":" + id;
    }

    private static SocrataSource map(ResultSet rs, int n) throws SQLException {
        Timestamp ran = rs.getTimestamp("last_run_at");
        return new SocrataSource(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("dataset_url"),
                rs.getString("where_clause"), rs.getString("date_field"), rs.getString("profile"),
                rs.getBytes("app_token") != null, rs.getString("last_value"), ran == null ? null : ran.toInstant(),
                rs.getObject("last_import_id", UUID.class), rs.getString("last_failure"));
    }
}

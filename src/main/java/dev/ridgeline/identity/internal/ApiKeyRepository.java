package dev.ridgeline.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.ridgeline.identity.ApiKey;
import dev.ridgeline.identity.ApiKeyScope;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;

@Repository
class ApiKeyRepository {

    record StoredKey(TenantId tenantId, ApiKey key, byte[] secretHash) {
    }

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(TenantId tenant, ApiKey key, byte[] secretHash) {
        jdbc.sql("""
                insert into identity.api_key (tenant_id, id, name, prefix, secret_hash, scope, created_by, created_at)
                values (:t, :id, :name, :prefix, :hash, :scope, :by, :at)""")
                .param("t", tenant.value()).param("id", key.id()).param("name", key.name()).param("prefix", key.prefix())
                .param("hash", secretHash).param("scope", key.scope().name()).param("by", key.createdBy().value())
                .param("at", Timestamp.from(key.createdAt())).update();
    }

    List<ApiKey> findAll(TenantId tenant) {
        return jdbc.sql("select * from identity.api_key where tenant_id = :t order by created_at desc")
                .param("t", tenant.value()).query((rs, n) -> map(rs)).list();
    }

    Optional<ApiKey> find(TenantId tenant, UUID id) {
        return jdbc.sql("select * from identity.api_key where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", id).query((rs, n) -> map(rs)).optional();
    }

    Optional<StoredKey> findByPrefix(String prefix) {
        return jdbc.sql("select * from identity.api_key where prefix = :p").param("p", prefix)
                .query((rs, n) -> new StoredKey(new TenantId(rs.getObject("tenant_id", UUID.class)), map(rs),
                        rs.getBytes("secret_hash")))
                .optional();
    }

    boolean revoke(TenantId tenant, UUID id, Instant now) {
        return jdbc.sql("update identity.api_key set revoked_at = :now where tenant_id = :t and id = :id and revoked_at is null")
                .param("t", tenant.value()).param("id", id).param("now", Timestamp.from(now)).update() == 1;
    }

    /** Throttled: at most one write per key per minute, however busy the key is. */
    void touch(TenantId tenant, UUID id, Instant now) {
        jdbc.sql("""
                update identity.api_key set last_used_at = :now
                where tenant_id = :t and id = :id and (last_used_at is null or last_used_at < :cutoff)""")
                .param("t", tenant.value()).param("id", id).param("now", Timestamp.from(now))
                .param("cutoff", Timestamp.from(now.minusSeconds(60))).update();
    }

    private static ApiKey map(ResultSet rs) throws SQLException {
        Timestamp used = rs.getTimestamp("last_used_at");
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new ApiKey(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("prefix"),
                ApiKeyScope.valueOf(rs.getString("scope")), new UserId(rs.getObject("created_by", UUID.class)),
                rs.getTimestamp("created_at").toInstant(), used == null ? null : used.toInstant(),
                revoked == null ? null : revoked.toInstant());
    }
}

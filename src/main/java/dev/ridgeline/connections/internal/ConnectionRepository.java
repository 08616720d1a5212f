package dev.ridgeline.connections.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.ridgeline.connections.Connection;
import dev.ridgeline.connections.ConnectionStatus;
import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.connections.SecretValue;
import dev.ridgeline.platform.SecretCipher;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;

/** Rows of {@code connections.connection} and their encrypted secrets; every query is scoped by tenant. */
@Repository
public class ConnectionRepository {

    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final JsonMapper json = JsonMapper.builder().build();

    ConnectionRepository(JdbcClient jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    static String associatedData(TenantId tenant, UUID connectionId, String name) {
        return "connections.secret:" + tenant + ":" + connectionId + ":" + name;
    }

    public List<Connection> findAll(TenantId tenant) {
        return jdbc.sql("select * from connections.connection where tenant_id = :t order by type, created_at")
                .param("t", tenant.value()).query((rs, n) -> map(rs, tenant)).list();
    }

    public Optional<Connection> find(TenantId tenant, UUID id) {
        return jdbc.sql("select * from connections.connection where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", id).query((rs, n) -> map(rs, tenant)).optional();
    }

    public List<TenantId> tenantsWithActive(ConnectionType type, String providerId) {
        return jdbc.sql("""
                select distinct tenant_id from connections.connection
                where type = :type and provider_id = :p and status = 'ACTIVE' order by tenant_id""")
                .param("type", type.name()).param("p", providerId)
                .query((rs, n) -> new TenantId(rs.getObject(1, UUID.class))).list();
    }

    /** The first active connection of a type (the oldest, where several may be active). */
    public Optional<Connection> findActive(TenantId tenant, ConnectionType type) {
        return findAllActive(tenant, type).stream().findFirst();
    }

    public List<Connection> findAllActive(TenantId tenant, ConnectionType type) {
        return jdbc.sql("""
                select * from connections.connection where tenant_id = :t and type = :type and status = 'ACTIVE'
                order by created_at, id""")
                .param("t", tenant.value()).param("type", type.name()).query((rs, n) -> map(rs, tenant)).list();
    }

    public void insert(TenantId tenant, UUID id, ConnectionType type, String providerId, String name,
            Map<String, String> settings, ConnectionStatus status, UserId createdBy, Instant now) {
        jdbc.sql("""
                insert into connections.connection
                  (tenant_id, id, type, provider_id, name, settings, status, created_by, created_at, updated_at)
                values (:t, :id, :type, :provider, :name, cast(:settings as jsonb), :status, :by, :now, :now)""")
                .param("t", tenant.value()).param("id", id).param("type", type.name()).param("provider", providerId)
                .param("name", name).param("settings", json.writeValueAsString(settings)).param("status", status.name())
                .param("by", createdBy.value()).param("now", Timestamp.from(now)).update();
    }

    public void update(TenantId tenant, UUID id, String name, Map<String, String> settings, Instant now) {
        jdbc.sql("""
                update connections.connection set name = :name, settings = cast(:settings as jsonb), updated_at = :now
                where tenant_id = :t and id = :id""")
                .param("t", tenant.value()).param("id", id).param("name", name)
                .param("settings", json.writeValueAsString(settings)).param("now", Timestamp.from(now)).update();
    }

    public void setStatus(TenantId tenant, UUID id, ConnectionStatus status, Instant now) {
        jdbc.sql("update connections.connection set status = :s, updated_at = :now where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", id).param("s", status.name()).param("now", Timestamp.from(now))
                .update();
    }

    public void delete(TenantId tenant, UUID id) {
        jdbc.sql("delete from connections.connection where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", id).update();
    }

    public void putSecret(TenantId tenant, UUID id, String name, String value, Instant now) {
        byte[] ciphertext = cipher.encrypt(value, associatedData(tenant, id, name));
        jdbc.sql("""
                insert into connections.connection_secret (tenant_id, connection_id, name, ciphertext, updated_at)
                values (:t, :id, :name, :c, :now)
                on conflict (tenant_id, connection_id, name) do update set ciphertext = :c, updated_at = :now""")
                .param("t", tenant.value()).param("id", id).param("name", name).param("c", ciphertext)
                .param("now", Timestamp.from(now)).update();
    }

    /** The account an adapter uses; each secret is decrypted only when the adapter asks for it. */
    public ProviderAccount account(TenantId tenant, Connection c) {
        return new ProviderAccount(tenant, c.id(), c.providerId(), c.settings(), name -> jdbc.sql("""
                select ciphertext from connections.connection_secret
                where tenant_id = :t and connection_id = :id and name = :name""")
                .param("t", tenant.value()).param("id", c.id()).param("name", name)
                .query((rs, n) -> rs.getBytes(1)).optional()
                .map(bytes -> new SecretValue(cipher.decrypt(bytes, associatedData(tenant, c.id(), name)))));
    }

    private Connection map(ResultSet rs, TenantId tenant) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Map<String, Instant> secrets = new LinkedHashMap<>();
        jdbc.sql("select name, updated_at from connections.connection_secret where tenant_id = :t and connection_id = :id order by name")
                .param("t", tenant.value()).param("id", id)
                .query(r -> {
                    secrets.put(r.getString(1), r.getTimestamp(2).toInstant());
                });
        return new Connection(id, ConnectionType.valueOf(rs.getString("type")), rs.getString("provider_id"),
                rs.getString("name"), json.readValue(rs.getString("settings"), MAP), secrets,
                ConnectionStatus.valueOf(rs.getString("status")), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}

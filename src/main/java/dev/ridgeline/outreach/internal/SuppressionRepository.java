package dev.ridgeline.outreach.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.ridgeline.outreach.Suppression;
import dev.ridgeline.outreach.SuppressionReason;
import dev.ridgeline.outreach.UnsubscribeLink;
import dev.ridgeline.platform.TenantId;

/** Rows of {@code outreach.suppression} and {@code outreach.email_bounce}, and the unsubscribe tokens. */
@Repository
public class SuppressionRepository {

    private final JdbcClient jdbc;

    SuppressionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Suppression> find(TenantId tenant, String address) {
        return jdbc.sql("""
                select address, reason, source, detail, message_id, created_at from outreach.suppression
                where tenant_id = :t and address = :a""")
                .param("t", tenant.value()).param("a", address)
                .query((rs, n) -> new Suppression(rs.getString(1), SuppressionReason.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getString(4), rs.getObject(5, UUID.class),
                        rs.getTimestamp(6).toInstant()))
                .optional();
    }

    /** The suppressed ones among {@code addresses} (normalized), by address. */
    public java.util.Map<String, Suppression> findAll(TenantId tenant, java.util.Collection<String> addresses) {
        java.util.Map<String, Suppression> out = new java.util.HashMap<>();
        if (addresses.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                select address, reason, source, detail, message_id, created_at from outreach.suppression
                where tenant_id = :t and address = any(:a)""")
                .param("t", tenant.value()).param("a", addresses.toArray(String[]::new))
                .query((rs, n) -> out.put(rs.getString(1), new Suppression(rs.getString(1),
                        SuppressionReason.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                        rs.getObject(5, UUID.class), rs.getTimestamp(6).toInstant())))
                .list();
        return out;
    }

    /** Adds the address; false when it was already suppressed (the first reason is kept). */
    public boolean insert(TenantId tenant, String address, SuppressionReason reason, String source,
            @Nullable String detail, @Nullable UUID messageId, Instant now) {
        return jdbc.sql("""
                insert into outreach.suppression (tenant_id, address, reason, source, detail, message_id, created_at)
                values (:t, :a, :r, :s, :d, :m, :now) on conflict (tenant_id, address) do nothing""")
                .param("t", tenant.value()).param("a", address).param("r", reason.name()).param("s", source)
                .param("d", detail).param("m", messageId).param("now", Timestamp.from(now)).update() == 1;
    }

    public boolean delete(TenantId tenant, String address) {
        return jdbc.sql("delete from outreach.suppression where tenant_id = :t and address = :a")
                .param("t", tenant.value()).param("a", address).update() == 1;
    }

    public List<Suppression> list(TenantId tenant, int limit) {
        return jdbc.sql("""
                select address, reason, source, detail, message_id, created_at from outreach.suppression
                where tenant_id = :t order by created_at desc, address limit :limit""")
                .param("t", tenant.value()).param("limit", limit)
                .query((rs, n) -> new Suppression(rs.getString(1), SuppressionReason.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getString(4), rs.getObject(5, UUID.class),
                        rs.getTimestamp(6).toInstant()))
                .list();
    }

    public void setUnsubscribeToken(TenantId tenant, UUID messageId, String token) {
        jdbc.sql("update outreach.message set unsubscribe_token = :token where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", messageId).param("token", token).update();
    }

    public Optional<UnsubscribeLink> byToken(String token) {
        return jdbc.sql("select tenant_id, to_address, id from outreach.message where unsubscribe_token = :token")
                .param("token", token)
                .query((rs, n) -> new UnsubscribeLink(new TenantId(rs.getObject(1, UUID.class)), rs.getString(2),
                        rs.getObject(3, UUID.class)))
                .optional();
    }

    public Optional<String> tokenOf(TenantId tenant, UUID messageId) {
        return jdbc.sql("select unsubscribe_token from outreach.message where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", messageId).query(String.class).optional();
    }

    /** The tenant and recipient of a message by id alone (a bounce names our Message-ID, not the company). */
    public Optional<UnsubscribeLink> messageById(UUID messageId) {
        return jdbc.sql("select tenant_id, to_address, id from outreach.message where id = :id and channel = 'EMAIL'")
                .param("id", messageId)
                .query((rs, n) -> new UnsubscribeLink(new TenantId(rs.getObject(1, UUID.class)), rs.getString(2),
                        rs.getObject(3, UUID.class)))
                .optional();
    }

    public void insertBounce(TenantId tenant, UUID id, String address, @Nullable UUID messageId,
            @Nullable String status, String reason, boolean hard, boolean complaint, @Nullable String diagnostic,
            String source, Instant now) {
        jdbc.sql("""
                insert into outreach.email_bounce (tenant_id, id, address, message_id, status, reason, hard, complaint,
                  diagnostic, source, received_at)
                values (:t, :id, :a, :m, :s, :r, :h, :c, :d, :src, :now)""")
                .param("t", tenant.value()).param("id", id).param("a", address).param("m", messageId)
                .param("s", status).param("r", reason).param("h", hard).param("c", complaint).param("d", diagnostic)
                .param("src", source).param("now", Timestamp.from(now)).update();
    }

    /** Soft bounces of an address since {@code since}: how many, and the first and last time. */
    public SoftBounces softBounces(TenantId tenant, String address, Instant since) {
        return jdbc.sql("""
                select count(*), min(received_at), max(received_at) from outreach.email_bounce
                where tenant_id = :t and address = :a and not hard and not complaint and received_at >= :since""")
                .param("t", tenant.value()).param("a", address).param("since", Timestamp.from(since))
                .query((rs, n) -> new SoftBounces(rs.getInt(1),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()))
                .single();
    }

    public record SoftBounces(int count, @Nullable Instant first, @Nullable Instant last) {
    }
}

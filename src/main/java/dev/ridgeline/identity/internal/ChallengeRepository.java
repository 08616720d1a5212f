package dev.ridgeline.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;

/** Stored sign-in challenges: only a hash of each link token or code is kept. */
@Repository
class ChallengeRepository {

    enum Kind { EMAIL_LINK, SMS_CODE, INVITE }

    record Challenge(UUID id, TenantId tenantId, UserId userId, Kind kind, byte[] secretHash, Instant expiresAt,
            int attempts, int maxAttempts, @Nullable Instant consumedAt) {
    }

    private final JdbcClient jdbc;

    ChallengeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Challenge c, Instant now, @Nullable String ip) {
        jdbc.sql("""
                insert into identity.login_challenge (id, tenant_id, user_id, kind, secret_hash, expires_at, attempts,
                  max_attempts, created_at, requested_ip)
                values (:id, :t, :u, :kind, :hash, :exp, 0, :max, :now, :ip)""")
                .param("id", c.id()).param("t", c.tenantId().value()).param("u", c.userId().value())
                .param("kind", c.kind().name()).param("hash", c.secretHash())
                .param("exp", Timestamp.from(c.expiresAt())).param("max", c.maxAttempts())
                .param("now", Timestamp.from(now)).param("ip", ip).update();
    }

    Optional<Challenge> findBySecretHash(byte[] hash) {
        return jdbc.sql("select * from identity.login_challenge where secret_hash = :h and kind <> 'SMS_CODE'")
                .param("h", hash).query(ChallengeRepository::map).optional();
    }

    /** Locks the row so two concurrent submissions of one code cannot both succeed or both miss a count. */
    Optional<Challenge> lock(UUID id) {
        return jdbc.sql("select * from identity.login_challenge where id = :id for update")
                .param("id", id).query(ChallengeRepository::map).optional();
    }

    /** Marks it used; false if someone else used it first. */
    boolean consume(UUID id, Instant now) {
        return jdbc.sql("update identity.login_challenge set consumed_at = :now where id = :id and consumed_at is null")
                .param("id", id).param("now", Timestamp.from(now)).update() == 1;
    }

    int recordFailedAttempt(UUID id) {
        return jdbc.sql("update identity.login_challenge set attempts = attempts + 1 where id = :id returning attempts")
                .param("id", id).query(Integer.class).single();
    }

    /** Earlier unused challenges of the same kind stop working when a new one is sent. */
    void supersede(UserId user, Kind kind, Instant now) {
        jdbc.sql("""
                update identity.login_challenge set consumed_at = :now
                where user_id = :u and kind = :k and consumed_at is null""")
                .param("u", user.value()).param("k", kind.name()).param("now", Timestamp.from(now)).update();
    }

    int deleteExpiredBefore(Instant cutoff) {
        return jdbc.sql("delete from identity.login_challenge where expires_at < :c")
                .param("c", Timestamp.from(cutoff)).update();
    }

    private static Challenge map(ResultSet rs, int n) throws SQLException {
        Timestamp consumed = rs.getTimestamp("consumed_at");
        return new Challenge(rs.getObject("id", UUID.class), new TenantId(rs.getObject("tenant_id", UUID.class)),
                new UserId(rs.getObject("user_id", UUID.class)), Kind.valueOf(rs.getString("kind")),
                rs.getBytes("secret_hash"), rs.getTimestamp("expires_at").toInstant(), rs.getInt("attempts"),
                rs.getInt("max_attempts"), consumed == null ? null : consumed.toInstant());
    }
}

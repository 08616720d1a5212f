package dev.ridgeline.identity.internal;

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

import dev.ridgeline.identity.UserStatus;
import dev.ridgeline.platform.Role;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;

@Repository
public class UserRepository {

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UserRecord u, @Nullable UserId invitedBy) {
        jdbc.sql("""
                insert into identity.app_user (tenant_id, id, email, name, phone, role, status, password_hash,
                  invited_by, created_at)
                values (:t, :id, :email, :name, :phone, :role, :status, :hash, :by, :now)""")
                .param("t", u.tenantId().value()).param("id", u.id().value()).param("email", u.email())
                .param("name", u.name()).param("phone", u.phone()).param("role", u.role().name())
                .param("status", u.status().name()).param("hash", u.passwordHash())
                .param("by", invitedBy == null ? null : invitedBy.value()).param("now", Timestamp.from(u.createdAt()))
                .update();
    }

    public boolean emailTaken(String email) {
        return jdbc.sql("select exists (select 1 from identity.app_user where lower(email) = lower(:e))")
                .param("e", email).query(Boolean.class).single();
    }

    public Optional<UserRecord> findByEmail(String email) {
        return jdbc.sql("select * from identity.app_user where lower(email) = lower(:e)")
                .param("e", email.trim()).query(UserRepository::map).optional();
    }

    /** Users with this phone; more than one means the phone cannot identify an account on its own. */
    public List<UserRecord> findByPhone(String e164) {
        return jdbc.sql("select * from identity.app_user where phone = :p").param("p", e164)
                .query(UserRepository::map).list();
    }

    public Optional<UserRecord> find(TenantId tenant, UserId id) {
        return jdbc.sql("select * from identity.app_user where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", id.value()).query(UserRepository::map).optional();
    }

    /** For sign-in paths that start from a stored challenge, which carries the tenant too. */
    public Optional<UserRecord> findById(UserId id) {
        return jdbc.sql("select * from identity.app_user where id = :id").param("id", id.value())
                .query(UserRepository::map).optional();
    }

    public List<UserRecord> findAll(TenantId tenant) {
        return jdbc.sql("select * from identity.app_user where tenant_id = :t order by role, lower(name)")
                .param("t", tenant.value()).query(UserRepository::map).list();
    }

    public long countActiveOwners(TenantId tenant) {
        return jdbc.sql("select count(*) from identity.app_user where tenant_id = :t and role = 'OWNER' and status <> 'DISABLED'")
                .param("t", tenant.value()).query(Long.class).single();
    }

    public void updateProfile(TenantId tenant, UserId id, String name, @Nullable String phone) {
        jdbc.sql("update identity.app_user set name = :n, phone = :p where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", id.value()).param("n", name).param("p", phone).update();
    }

    public void updateRole(TenantId tenant, UserId id, Role role) {
        jdbc.sql("update identity.app_user set role = :r where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", id.value()).param("r", role.name()).update();
    }

    public void updateStatus(TenantId tenant, UserId id, UserStatus status) {
        jdbc.sql("update identity.app_user set status = :s where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", id.value()).param("s", status.name()).update();
    }

    public void updatePassword(TenantId tenant, UserId id, String hash) {
        jdbc.sql("update identity.app_user set password_hash = :h where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", id.value()).param("h", hash).update();
    }

    public void setTotp(TenantId tenant, UserId id, byte @Nullable [] secret, @Nullable Instant enabledAt) {
        jdbc.sql("""
                update identity.app_user set totp_secret = :s, totp_enabled_at = :at, totp_last_step = null
                where tenant_id = :t and id = :id""")
                .param("t", tenant.value()).param("id", id.value()).param("s", secret)
                .param("at", enabledAt == null ? null : Timestamp.from(enabledAt)).update();
    }

    /** Records the time step of an accepted TOTP code; false if that step (or a later one) was already used. */
    public boolean advanceTotpStep(TenantId tenant, UserId id, long step) {
        return jdbc.sql("""
                update identity.app_user set totp_last_step = :step
                where tenant_id = :t and id = :id and (totp_last_step is null or totp_last_step < :step)""")
                .param("t", tenant.value()).param("id", id.value()).param("step", step).update() == 1;
    }

    /** First sign-in turns an invitation into an active account. */
    public void recordSignIn(TenantId tenant, UserId id, Instant now) {
        jdbc.sql("""
                update identity.app_user set last_sign_in_at = :now,
                  status = case when status = 'INVITED' then 'ACTIVE' else status end
                where tenant_id = :t and id = :id""")
                .param("t", tenant.value()).param("id", id.value()).param("now", Timestamp.from(now)).update();
    }

    static UserRecord map(ResultSet rs, int n) throws SQLException {
        Timestamp last = rs.getTimestamp("last_sign_in_at");
        long step = rs.getLong("totp_last_step");
        return new UserRecord(new UserId(rs.getObject("id", UUID.class)),
                new TenantId(rs.getObject("tenant_id", UUID.class)), rs.getString("email"), rs.getString("name"),
                rs.getString("phone"), Role.valueOf(rs.getString("role")), UserStatus.valueOf(rs.getString("status")),
                rs.getString("password_hash"), rs.getBytes("totp_secret"), rs.wasNull() ? null : step,
                rs.getTimestamp("created_at").toInstant(), last == null ? null : last.toInstant());
    }
}

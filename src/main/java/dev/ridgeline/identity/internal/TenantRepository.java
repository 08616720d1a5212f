package dev.ridgeline.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.ridgeline.identity.CompanyProfile;
import dev.ridgeline.identity.Tenant;
import dev.ridgeline.platform.TenantId;

@Repository
public class TenantRepository {

    private final JdbcClient jdbc;

    TenantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long count() {
        return jdbc.sql("select count(*) from identity.tenant").query(Long.class).single();
    }

    /** Serialises concurrent first-run setups: whoever takes the lock first creates the first company. */
    public void lockForSetup() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('identity.setup'))").query().singleRow();
    }

    public void insert(TenantId id, CompanyProfile p, Instant now) {
        jdbc.sql("""
                insert into identity.tenant (id, name, legal_name, street, city, region, postal_code, phone, website,
                  time_zone, created_at, updated_at)
                values (:id, :name, :legal, :street, :city, :region, :zip, :phone, :web, :tz, :now, :now)""")
                .param("id", id.value()).param("name", p.name()).param("legal", p.legalName())
                .param("street", p.street()).param("city", p.city()).param("region", p.region())
                .param("zip", p.postalCode()).param("phone", p.phone()).param("web", p.website())
                .param("tz", p.timeZone()).param("now", Timestamp.from(now)).update();
    }

    public void update(TenantId id, CompanyProfile p, Instant now) {
        jdbc.sql("""
                update identity.tenant set name = :name, legal_name = :legal, street = :street, city = :city,
                  region = :region, postal_code = :zip, phone = :phone, website = :web, time_zone = :tz, updated_at = :now
                where id = :id""")
                .param("id", id.value()).param("name", p.name()).param("legal", p.legalName())
                .param("street", p.street()).param("city", p.city()).param("region", p.region())
                .param("zip", p.postalCode()).param("phone", p.phone()).param("web", p.website())
                .param("tz", p.timeZone()).param("now", Timestamp.from(now)).update();
    }

    public Optional<Tenant> find(TenantId id) {
        return jdbc.sql("select * from identity.tenant where id = :id").param("id", id.value())
                .query(TenantRepository::map).optional();
    }

    public Optional<Tenant> findAny() {
        return jdbc.sql("select * from identity.tenant order by created_at limit 1").query(TenantRepository::map).optional();
    }

    public Optional<Tenant> findByName(String name) {
        return jdbc.sql("select * from identity.tenant where lower(name) = lower(:n) or lower(legal_name) = lower(:n)")
                .param("n", name).query(TenantRepository::map).optional();
    }

    private static Tenant map(ResultSet rs, int n) throws SQLException {
        return new Tenant(new TenantId(rs.getObject("id", UUID.class)), rs.getString("name"),
                rs.getString("legal_name"), rs.getString("street"), rs.getString("city"), rs.getString("region"),
                rs.getString("postal_code"), rs.getString("country"), rs.getString("phone"), rs.getString("website"),
                rs.getString("time_zone"), rs.getTimestamp("created_at").toInstant());
    }
}

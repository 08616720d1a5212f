package dev.ridgeline.leads.internal;

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

import dev.ridgeline.leads.Lead;
import dev.ridgeline.leads.LeadActivity;
import dev.ridgeline.leads.LeadStage;
import dev.ridgeline.leads.LeadsService.LeadFilter;
import dev.ridgeline.leads.NewLead;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;

/** Rows of {@code leads.lead} and their activity; names of people are filled in by the service. */
@Repository
public class LeadRepository {

    private static final String SELECT = "select l.* from leads.lead l";

    private final JdbcClient jdbc;

    LeadRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(TenantId tenant, UUID id, NewLead l, String source, UserId createdBy, Instant now) {
        jdbc.sql("""
                insert into leads.lead (tenant_id, id, address, city, region, postal_code, homeowner_name, latitude,
                  longitude, stage, owner_id, source, notes, created_by, created_at, updated_at)
                values (:t, :id, :address, :city, :region, :zip, :homeowner, :lat, :lon, 'NEW', :owner, :source, :notes,
                  :by, :now, :now)""")
                .param("t", tenant.value()).param("id", id).param("address", l.address()).param("city", l.city())
                .param("region", l.region()).param("zip", l.postalCode()).param("homeowner", l.homeownerName())
                .param("lat", l.latitude()).param("lon", l.longitude())
                .param("owner", l.ownerId() == null ? null : l.ownerId().value()).param("source", source)
                .param("notes", l.notes()).param("by", createdBy.value()).param("now", Timestamp.from(now)).update();
    }

    public Optional<Lead> find(TenantId tenant, UUID id) {
        return jdbc.sql(SELECT + " where l.tenant_id = :t and l.id = :id")
                .param("t", tenant.value()).param("id", id).query(LeadRepository::map).optional();
    }

    /** Many leads by id, in one statement. */
    public java.util.Map<UUID, Lead> findAll(TenantId tenant, java.util.Collection<UUID> ids) {
        java.util.Map<UUID, Lead> out = new java.util.LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.sql(SELECT + " where l.tenant_id = :t and l.id = any(:ids)")
                .param("t", tenant.value()).param("ids", ids.stream().distinct().toArray(UUID[]::new))
                .query(LeadRepository::map).list().forEach(l -> out.put(l.id(), l));
        return out;
    }

    /** The homes many leads were started from, by lead (a lead without one is left out). */
    public java.util.Map<UUID, UUID> propertiesOf(TenantId tenant, java.util.Collection<UUID> ids) {
        java.util.Map<UUID, UUID> out = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.sql("select id, property_id from leads.lead where tenant_id = :t and id = any(:ids) and property_id is not null")
                .param("t", tenant.value()).param("ids", ids.stream().distinct().toArray(UUID[]::new))
                .query((rs, n) -> out.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
        return out;
    }

    /**
     * Moves many leads to {@code stage} where they are open and behind it, with a timeline entry each, in one
     * statement; the leads moved, with the stage each left.
     */
    public java.util.Map<UUID, LeadStage> advanceAll(TenantId tenant, java.util.Collection<UUID> ids, LeadStage stage,
            String why, Instant now) {
        java.util.Map<UUID, LeadStage> out = new java.util.LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        String[] behind = java.util.Arrays.stream(LeadStage.values())
                .filter(s -> s.open() && s.ordinal() < stage.ordinal()).map(Enum::name).toArray(String[]::new);
        String[] labels = java.util.Arrays.stream(LeadStage.values()).map(LeadStage::label).toArray(String[]::new);
        String[] names = java.util.Arrays.stream(LeadStage.values()).map(Enum::name).toArray(String[]::new);
        jdbc.sql("""
                with before as (
                  select id, stage from leads.lead where tenant_id = :t and id = any(:ids) and stage = any(:behind)
                  for update),
                moved as (
                  update leads.lead l set stage = :stage, updated_at = :now from before
                  where l.tenant_id = :t and l.id = before.id
                  returning l.id, before.stage as was),
                activity as (
                  insert into leads.lead_activity (tenant_id, lead_id, actor_id, kind, text, occurred_at)
                  select :t, id, null, 'stage', 'Moved from ' || (cast(:labels as text[]))[array_position(cast(:names as text[]), was)]
                    || ' to ' || :label || ': ' || :why, :now from moved)
                select id, was from moved""")
                .param("t", tenant.value()).param("ids", ids.stream().distinct().toArray(UUID[]::new))
                .param("behind", behind).param("stage", stage.name()).param("label", stage.label())
                .param("labels", labels).param("names", names).param("why", why).param("now", Timestamp.from(now))
                .query((rs, n) -> out.put(rs.getObject(1, UUID.class), LeadStage.valueOf(rs.getString(2)))).list();
        return out;
    }

    /** Leads at this street address (case and spacing ignored), in this ZIP when one is given; at most {@code limit}. */
    public List<Lead> atAddress(TenantId tenant, String address, @Nullable String postalCode, int limit) {
        return jdbc.sql(SELECT + " where l.tenant_id = :t and lower(regexp_replace(l.address, '\\s+', ' ', 'g')) = :a"
                        + " and (cast(:zip as text) is null or l.postal_code = cast(:zip as text)) limit :limit")
                .param("t", tenant.value())
                .param("a", address.strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT))
                .param("zip", postalCode).param("limit", limit).query(LeadRepository::map).list();
    }

    public List<Lead> list(TenantId tenant, @Nullable UserId onlyOwner, LeadFilter f) {
        return jdbc.sql(SELECT + """
                 where l.tenant_id = :t
                  and (cast(:only as uuid) is null or l.owner_id = cast(:only as uuid))
                  and (cast(:owner as uuid) is null or l.owner_id = cast(:owner as uuid))
                  and (cast(:stage as text) is null or l.stage = cast(:stage as text))
                  and (cast(:q as text) is null or l.address ilike '%' || cast(:q as text) || '%'
                       or l.homeowner_name ilike '%' || cast(:q as text) || '%')
                order by l.updated_at desc, l.id desc limit :limit""")
                .param("t", tenant.value()).param("only", onlyOwner == null ? null : onlyOwner.value())
                .param("owner", f.owner() == null ? null : f.owner().value())
                .param("stage", f.stage() == null ? null : f.stage().name())
                .param("q", f.search() == null || f.search().isBlank() ? null : f.search().trim())
                .param("limit", Math.clamp(f.limit(), 1, 5000))
                .query(LeadRepository::map).list();
    }

    public void assign(TenantId tenant, UUID id, @Nullable UserId owner, Instant now) {
        jdbc.sql("update leads.lead set owner_id = :o, updated_at = :now where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", id).param("o", owner == null ? null : owner.value())
                .param("now", Timestamp.from(now)).update();
    }

    public void moveTo(TenantId tenant, UUID id, LeadStage stage, Instant now) {
        jdbc.sql("update leads.lead set stage = :s, updated_at = :now where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", id).param("s", stage.name()).param("now", Timestamp.from(now))
                .update();
    }

    public void setJobValue(TenantId tenant, UUID id, java.math.@Nullable BigDecimal value, Instant now) {
        jdbc.sql("update leads.lead set job_value = :v, updated_at = :now where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", id).param("v", value).param("now", Timestamp.from(now))
                .update();
    }

    /** The job values of those leads that have one. */
    public java.util.Map<UUID, java.math.BigDecimal> jobValues(TenantId tenant, java.util.Collection<UUID> ids) {
        java.util.Map<UUID, java.math.BigDecimal> out = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.sql("select id, job_value from leads.lead where tenant_id = :t and id = any(:ids) and job_value is not null")
                .param("t", tenant.value()).param("ids", ids.toArray(UUID[]::new))
                .query(rs -> {
                    out.put(rs.getObject(1, UUID.class), rs.getBigDecimal(2));
                });
        return out;
    }

    public void addActivity(TenantId tenant, UUID leadId, @Nullable UserId actor, String kind, String text, Instant now) {
        jdbc.sql("""
                insert into leads.lead_activity (tenant_id, lead_id, actor_id, kind, text, occurred_at)
                values (:t, :id, :a, :k, :text, :now)""")
                .param("t", tenant.value()).param("id", leadId).param("a", actor == null ? null : actor.value())
                .param("k", kind).param("text", text).param("now", Timestamp.from(now)).update();
        jdbc.sql("update leads.lead set updated_at = :now where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", leadId).param("now", Timestamp.from(now)).update();
    }

    public List<LeadActivity> activity(TenantId tenant, UUID leadId) {
        return jdbc.sql("""
                select a.kind, a.text, a.actor_id, a.occurred_at from leads.lead_activity a
                where a.tenant_id = :t and a.lead_id = :id order by a.seq desc""")
                .param("t", tenant.value()).param("id", leadId)
                .query((rs, n) -> {
                    UUID actor = rs.getObject(3, UUID.class);
                    return new LeadActivity(rs.getString(1), rs.getString(2), actor == null ? null : new UserId(actor),
                            null, rs.getTimestamp(4).toInstant());
                })
                .list();
    }

    private static Lead map(ResultSet rs, int n) throws SQLException {
        UUID owner = rs.getObject("owner_id", UUID.class);
        double lat = rs.getDouble("latitude");
        boolean noLat = rs.wasNull();
        double lon = rs.getDouble("longitude");
        boolean noLon = rs.wasNull();
        return new Lead(rs.getObject("id", UUID.class), rs.getString("address"), rs.getString("city"),
                rs.getString("region"), rs.getString("postal_code"), rs.getString("homeowner_name"),
                noLat ? null : lat, noLon ? null : lon, LeadStage.valueOf(rs.getString("stage")),
                owner == null ? null : new UserId(owner), null, rs.getString("source"),
                rs.getString("notes"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    public void linkProperty(TenantId tenant, UUID lead, UUID property) {
        jdbc.sql("update leads.lead set property_id = :p where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", lead).param("p", property).update();
    }

    /** The newest lead started from a home. */
    public java.util.Optional<UUID> leadOfProperty(TenantId tenant, UUID propertyId) {
        return jdbc.sql("""
                select id from leads.lead where tenant_id = :t and property_id = :p order by created_at desc, id desc limit 1""")
                .param("t", tenant.value()).param("p", propertyId).query(UUID.class).optional();
    }

    public java.util.Optional<UUID> propertyOf(TenantId tenant, UUID leadId) {
        return jdbc.sql("select property_id from leads.lead where tenant_id = :t and id = :id and property_id is not null")
                .param("t", tenant.value()).param("id", leadId).query(UUID.class).optional();
    }

    public java.util.List<dev.ridgeline.leads.LeadOutcome> outcomes(TenantId tenant) {
        return jdbc.sql("""
                select property_id, stage <> 'LOST', updated_at from leads.lead
                where tenant_id = :t and property_id is not null and stage in ('SIGNED', 'INSTALLED', 'PAID', 'LOST')""")
                .param("t", tenant.value())
                .query((rs, n) -> new dev.ridgeline.leads.LeadOutcome(rs.getObject(1, UUID.class), rs.getBoolean(2),
                        rs.getTimestamp(3).toInstant()))
                .list();
    }
}

package dev.ridgeline.property.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ridgeline.platform.TenantId;

/**
 * Where rows of any import become properties. A staging table with the address columns ({@code address,
 * address_key, unit_key, house_number, city, state, postal_code, latitude, longitude, h3_r7, h3_r8, h3_r9,
 * location_source}) and an empty {@code property_id} gets each good row's property: the one with the same
 * normalised address, unit and ZIP (a missing ZIP matches any), else the one with the same house number and unit
 * within {@value #SAME_HOUSE_METRES} metres, else a new one. Existing properties gain what they lacked (a location,
 * a city, a ZIP); a footprint's centroid replaces a location from any other source.
 */
@Component
public class PropertyGraph {

    /** Two records with the same house number this close are the same house spelt differently. */
    static final int SAME_HOUSE_METRES = 30;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    PropertyGraph(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Fills {@code property_id} of the good rows of {@code stage}; returns how many properties were created. */
    long resolve(String stage, TenantId tenant, Instant now) {
        matchByAddress(stage, tenant);
        jdbc.sql("update " + stage + """
                 s set property_id = p.id
                from property.property p
                where s.property_id is null and s.err_reason is null and s.house_number is not null
                  and s.latitude is not null and p.tenant_id = :t and p.house_number = s.house_number
                  and p.unit_key = s.unit_key and p.latitude between s.latitude - 0.0004 and s.latitude + 0.0004
                  and p.longitude between s.longitude - 0.0005 and s.longitude + 0.0005
                  and sqrt(power((p.latitude - s.latitude) * 111319.49, 2)
                         + power((p.longitude - s.longitude) * 111319.49 * cos(radians(s.latitude)), 2)) < :metres
                """).param("t", tenant.value()).param("metres", SAME_HOUSE_METRES).update();
        // New properties go in in cell order, so the homes of one neighbourhood share heap pages and a radius
        // search reads few of them.
        long created = jdbc.sql("""
                insert into property.property (tenant_id, id, address, address_key, unit_key, house_number, city,
                  state, postal_code, latitude, longitude, h3_r7, h3_r8, h3_r9, location_source, created_at, updated_at)
                select * from (
                  select distinct on (address_key, unit_key, coalesce(postal_code, ''))
                    cast(:t as uuid), gen_random_uuid(), address, address_key, unit_key, house_number, city, state,
                    postal_code, latitude, longitude, h3_r7, h3_r8, h3_r9,
                    case when latitude is null then null else location_source end, cast(:now as timestamptz),
                    cast(:now as timestamptz)
                  from\s""" + stage + """
                   where property_id is null and err_reason is null and address_key is not null
                  order by address_key, unit_key, coalesce(postal_code, ''), latitude is null, line) d
                order by h3_r9 nulls last
                on conflict do nothing""")
                .param("t", tenant.value()).param("now", Timestamp.from(now)).update();
        matchByAddress(stage, tenant);
        // What the properties lacked, from the first row of this import that has it.
        String take = "(x.latitude is not null and (p.latitude is null or (x.location_source = 'FOOTPRINT' "
                + "and p.location_source is distinct from 'FOOTPRINT')))";
        jdbc.sql("update property.property p set latitude = case when " + take + " then x.latitude else p.latitude end, "
                + "longitude = case when " + take + " then x.longitude else p.longitude end, "
                + "h3_r7 = case when " + take + " then x.h3_r7 else p.h3_r7 end, "
                + "h3_r8 = case when " + take + " then x.h3_r8 else p.h3_r8 end, "
                + "h3_r9 = case when " + take + " then x.h3_r9 else p.h3_r9 end, "
                + "location_source = case when " + take + " then x.location_source else p.location_source end, "
                + "city = coalesce(p.city, x.city), state = coalesce(p.state, x.state), "
                + "postal_code = coalesce(p.postal_code, x.postal_code), updated_at = :now "
                + "from (select distinct on (property_id) property_id, latitude, longitude, h3_r7, h3_r8, h3_r9, "
                + "location_source, city, state, postal_code from " + stage
                + " where property_id is not null and err_reason is null order by property_id, latitude is null, line) x "
                + "where p.tenant_id = :t and p.id = x.property_id and (" + take
                + " or (p.city is null and x.city is not null) or (p.state is null and x.state is not null) "
                + "or (p.postal_code is null and x.postal_code is not null))")
                .param("t", tenant.value()).param("now", Timestamp.from(now)).update();
        return created;
    }

    private void matchByAddress(String stage, TenantId tenant) {
        jdbc.sql("update " + stage + """
                 s set property_id = p.id
                from property.property p
                where s.property_id is null and s.err_reason is null and s.address_key is not null
                  and p.tenant_id = :t and p.address_key = s.address_key and p.unit_key = s.unit_key
                  and (p.postal_code = s.postal_code or p.postal_code is null or s.postal_code is null)
                """).param("t", tenant.value()).update();
    }

    /**
     * Links buildings that have no property yet to the property whose location lies inside their outline (and
     * which has no building of its own). Candidates come from the bounding boxes; the polygon test is exact.
     * Returns how many were linked.
     */
    long linkByContainment(TenantId tenant, Instant now) {
        record Candidate(UUID building, String geometry, UUID property, double lat, double lon) {
        }
        List<Candidate> candidates = jdbc.sql("""
                select b.id, b.geometry::text, p.id, p.latitude, p.longitude
                from property.building b
                join property.property p on p.tenant_id = b.tenant_id
                  and p.latitude between b.min_lat and b.max_lat and p.longitude between b.min_lon and b.max_lon
                where b.tenant_id = :t and b.property_id is null
                  and not exists (select 1 from property.building o where o.tenant_id = p.tenant_id and o.property_id = p.id)
                order by b.id""")
                .param("t", tenant.value())
                .query((rs, n) -> new Candidate(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getDouble(4), rs.getDouble(5)))
                .list();
        List<UUID[]> links = new ArrayList<>();
        java.util.Set<UUID> taken = new java.util.HashSet<>();
        for (Candidate c : candidates) {
            if (!taken.contains(c.property()) && !taken.contains(c.building())
                    && Polygons.contains(polygons(c.geometry()), c.lat(), c.lon())) {
                links.add(new UUID[] {c.building(), c.property()});
                taken.add(c.property());
                taken.add(c.building());
            }
        }
        for (UUID[] l : links) {
            jdbc.sql("""
                    update property.building set property_id = :p, link_method = 'CONTAINMENT', updated_at = :now
                    where tenant_id = :t and id = :b and property_id is null""")
                    .param("t", tenant.value()).param("b", l[0]).param("p", l[1]).param("now", Timestamp.from(now))
                    .update();
        }
        return links.size();
    }

    /** The polygons of a stored GeoJSON geometry. */
    static List<Polygons.Polygon> polygons(String geometryJson) {
        JsonNode g = JSON.readTree(geometryJson);
        List<Polygons.Polygon> out = new ArrayList<>();
        if ("Polygon".equals(g.path("type").stringValue(null))) {
            out.add(polygon(g.path("coordinates")));
        } else {
            for (JsonNode p : g.path("coordinates")) {
                out.add(polygon(p));
            }
        }
        return out;
    }

    private static Polygons.Polygon polygon(JsonNode rings) {
        List<double[][]> out = new ArrayList<>();
        for (JsonNode ring : rings) {
            double[][] r = new double[ring.size()][];
            for (int i = 0; i < ring.size(); i++) {
                r[i] = new double[] {ring.get(i).get(0).doubleValue(), ring.get(i).get(1).doubleValue()};
            }
            out.add(r);
        }
        return new Polygons.Polygon(out);
    }
}

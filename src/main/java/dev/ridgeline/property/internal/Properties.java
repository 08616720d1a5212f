package dev.ridgeline.property.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.ridgeline.platform.GeoPoint;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.property.Building;
import dev.ridgeline.property.ConsentChannel;
import dev.ridgeline.property.ConsentKind;
import dev.ridgeline.property.ConsentRecord;
import dev.ridgeline.property.Contact;
import dev.ridgeline.property.ContactPoint;
import dev.ridgeline.property.NearbyProperty;
import dev.ridgeline.property.Property;
import dev.ridgeline.property.PropertyPoint;

/** Reads of the property graph. */
@Repository
public class Properties {

    private static final String COLUMNS = "id, address, address_key, unit_key, city, state, postal_code, latitude, "
            + "longitude, location_source, year_built, created_at";

    private final JdbcClient jdbc;

    Properties(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Property> find(TenantId tenant, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from property.property where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", id).query(Properties::map).optional();
    }

    /**
     * Every located property within {@code miles} of a point, nearest first: the resolution-9 H3 cells that cover
     * the circle (about 1.1 times its area) narrow the search through an index, the haversine distance decides.
     * Beyond 10 miles the cover is taken at resolution 8, to keep the list of cells short.
     */
    public List<NearbyProperty> within(TenantId tenant, GeoPoint point, double miles, int limit) {
        boolean fine = miles <= 10;
        Long[] cells = point.cellsCovering(miles, fine ? GeoPoint.PROPERTY_RESOLUTION : GeoPoint.SEARCH_RESOLUTION)
                .toArray(Long[]::new);
        return jdbc.sql("""
                select * from (select id, address, unit_key, latitude, longitude,
                  2 * 3958.7613 * asin(least(1, sqrt(power(sin(radians(latitude - :lat) / 2), 2)
                      + cos(radians(:lat)) * cos(radians(latitude)) * power(sin(radians(longitude - :lon) / 2), 2))))
                      as miles
                  from property.property where tenant_id = :t and\s""" + (fine ? "h3_r9" : "h3_r8") + """
                 = any(:cells)) x
                where miles <= :miles order by miles, id limit :limit""")
                .param("t", tenant.value()).param("cells", cells).param("lat", point.latitude())
                .param("lon", point.longitude()).param("miles", miles).param("limit", limit)
                .query((rs, n) -> {
                    String unit = rs.getString(3);
                    String address = rs.getString(2);
                    return new NearbyProperty(rs.getObject(1, UUID.class), unit == null || unit.isEmpty() ? address
                            : address + " " + unit, rs.getDouble(4), rs.getDouble(5), rs.getDouble(6));
                }).list();
    }

    /** Located properties inside a latitude/longitude box, at most {@code limit} (the map's homes layer). */
    public List<Property> inBox(TenantId tenant, double south, double west, double north, double east, int limit) {
        return jdbc.sql("select " + COLUMNS + " from property.property where tenant_id = :t"
                        + " and latitude between :s and :n and longitude between :w and :e order by id limit :limit")
                .param("t", tenant.value()).param("s", south).param("n", north).param("w", west).param("e", east)
                .param("limit", limit).query(Properties::map).list();
    }

    /** Properties whose normalised address starts with the normalised query (or all), by address. */
    public List<Property> search(TenantId tenant, @Nullable String addressKeyPrefix, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                 from property.property where tenant_id = :t
                  and (cast(:q as text) is null or address_key like cast(:q as text) || '%'
                       or address_key like '% ' || cast(:q as text) || '%')
                order by address_key, unit_key limit :limit""")
                .param("t", tenant.value()).param("q", addressKeyPrefix).param("limit", limit)
                .query(Properties::map).list();
    }

    /** Streams located properties, all of them or those in the given resolution-7 cells, in id order. */
    public void forEachLocated(TenantId tenant, @Nullable Collection<Long> r7Cells, Consumer<PropertyPoint> each) {
        jdbc.sql("""
                select id, address, address_key, city, postal_code, latitude, longitude, h3_r7, year_built
                from property.property
                where tenant_id = :t and latitude is not null and h3_r7 is not null
                  and (cast(:cells as bigint[]) is null or h3_r7 = any(cast(:cells as bigint[])))""")
                .param("t", tenant.value()).param("cells", r7Cells == null ? null : r7Cells.toArray(Long[]::new))
                .withFetchSize(10_000)
                .query((RowCallbackHandler) rs -> {
                    int built = rs.getInt(9);
                    Integer yearBuilt = rs.wasNull() ? null : built;
                    each.accept(new PropertyPoint(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getDouble(6), rs.getDouble(7), rs.getLong(8),
                            yearBuilt));
                });
    }

    public List<TenantId> tenantsWithLocatedHomes() {
        return jdbc.sql("select distinct tenant_id from property.property where latitude is not null")
                .query((rs, n) -> new TenantId(rs.getObject(1, UUID.class))).list();
    }

    public long count(TenantId tenant) {
        return jdbc.sql("select count(*) from property.property where tenant_id = :t").param("t", tenant.value())
                .query(Long.class).single();
    }

    public List<Building> buildings(TenantId tenant, UUID property) {
        return jdbc.sql("""
                select id, property_id, source, source_id, kind, area_m2, centroid_lat, centroid_lon, geometry::text,
                  levels, link_method
                from property.building where tenant_id = :t and property_id = :p order by area_m2 desc""")
                .param("t", tenant.value()).param("p", property)
                .query((rs, n) -> new Building(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getDouble(6), rs.getDouble(6) * Polygons.SQUARE_FEET_PER_SQUARE_METRE,
                        rs.getDouble(7), rs.getDouble(8), rs.getString(9), (Integer) rs.getObject(10), rs.getString(11)))
                .list();
    }

    public List<Contact> contacts(TenantId tenant, UUID property) {
        return contactsOf(tenant, List.of(property)).getOrDefault(property, List.of());
    }

    /** The people of many homes with their addresses and consent, in three statements, by home. */
    public Map<UUID, List<Contact>> contactsOf(TenantId tenant, java.util.Collection<UUID> properties) {
        record Row(UUID id, UUID property, String name, String role, String mAddr, String mCity, String mState,
                String mZip, String tz, String tzSource, boolean fictitious) {
        }
        Map<UUID, List<Contact>> out = new LinkedHashMap<>();
        if (properties.isEmpty()) {
            return out;
        }
        List<Row> rows = jdbc.sql("""
                select id, property_id, full_name, role, mailing_address, mailing_city, mailing_state, mailing_zip,
                  time_zone, time_zone_source, fictitious
                from property.contact where tenant_id = :t and property_id = any(:p) order by role, full_name, id""")
                .param("t", tenant.value()).param("p", properties.stream().distinct().toArray(UUID[]::new))
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10), rs.getBoolean(11)))
                .list();
        if (rows.isEmpty()) {
            return out;
        }
        UUID[] ids = rows.stream().map(Row::id).toArray(UUID[]::new);
        Map<UUID, List<ContactPoint>> points = new LinkedHashMap<>();
        jdbc.sql("""
                select contact_id, channel, value, usable, note from property.contact_point
                where tenant_id = :t and contact_id = any(:ids) order by channel desc, created_at, value""")
                .param("t", tenant.value()).param("ids", ids)
                .query((ResultSet rs) -> {
                    points.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new ContactPoint(rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5)));
                });
        Map<UUID, List<ConsentRecord>> consents = new LinkedHashMap<>();
        jdbc.sql("""
                select contact_id, channel, granted, kind, source, given_at, text_shown, ip from property.consent
                where tenant_id = :t and contact_id = any(:ids) order by given_at desc, recorded_at desc""")
                .param("t", tenant.value()).param("ids", ids)
                .query((ResultSet rs) -> {
                    consents.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new ConsentRecord(ConsentChannel.valueOf(rs.getString(2)), rs.getBoolean(3),
                                    ConsentKind.valueOf(rs.getString(4)), rs.getString(5),
                                    rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getString(8)));
                });
        for (Row r : rows) {
            out.computeIfAbsent(r.property(), k -> new ArrayList<>()).add(new Contact(r.id(), r.property(), r.name(),
                    r.role(), r.mAddr(), r.mCity(), r.mState(), r.mZip(), r.tz(), r.tzSource(), r.fictitious(),
                    points.getOrDefault(r.id(), List.of()), consents.getOrDefault(r.id(), List.of())));
        }
        return out;
    }

    /** Many properties by id, in one statement. */
    public Map<UUID, Property> findAll(TenantId tenant, java.util.Collection<UUID> ids) {
        Map<UUID, Property> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.sql("select " + COLUMNS + " from property.property where tenant_id = :t and id = any(:ids)")
                .param("t", tenant.value()).param("ids", ids.stream().distinct().toArray(UUID[]::new))
                .query(Properties::map).list().forEach(p -> out.put(p.id(), p));
        return out;
    }

    private static Property map(ResultSet rs, int n) throws SQLException {
        double lat = rs.getDouble("latitude");
        boolean noLat = rs.wasNull();
        double lon = rs.getDouble("longitude");
        String unit = rs.getString("unit_key");
        Instant created = rs.getTimestamp("created_at").toInstant();
        return new Property(rs.getObject("id", UUID.class), rs.getString("address"), rs.getString("address_key"),
                unit == null || unit.isEmpty() ? null : unit, rs.getString("city"), rs.getString("state"),
                rs.getString("postal_code"), noLat ? null : lat, noLat ? null : lon, rs.getString("location_source"),
                (Integer) rs.getObject("year_built"), created);
    }
}

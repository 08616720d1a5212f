package dev.ridgeline.property.geocoding;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.ridgeline.platform.Addresses;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.property.ZipCodes;

/**
 * The local gazetteer, the sandbox and always the first source: the company's own imported footprints that carry
 * an address (a rooftop answer), else the ZIP's centroid from the shipped ZIP table (approximate: enough for a time
 * zone or a region, not for a roof). Free, offline, no limits.
 */
@Component
public class Gazetteer implements GeocodingProvider {

    public static final String ID = "gazetteer";

    private final JdbcClient jdbc;

    Gazetteer(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean available(TenantId tenant) {
        return true;
    }

    /** A footprint with this address: its centroid. */
    @Override
    public Optional<Geocode> geocode(TenantId tenant, GeocodeRequest request) {
        Addresses.Street street = Addresses.street(request.street());
        return jdbc.sql("""
                select centroid_lat, centroid_lon, address from property.building
                where tenant_id = :t and address_key = :k and (cast(:zip as text) is null or postal_code is null
                  or postal_code = cast(:zip as text))
                order by area_m2 desc limit 1""")
                .param("t", tenant.value()).param("k", street.line()).param("zip", request.zip())
                .query((rs, n) -> new Geocode(rs.getDouble(1), rs.getDouble(2), Geocode.Accuracy.ROOFTOP,
                        rs.getString(3) + " (footprint)", ID))
                .optional();
    }

    /** The ZIP's centroid, when nothing better is found. */
    public Optional<Geocode> zipCentroid(GeocodeRequest request) {
        return ZipCodes.shipped().zip(request.zip()).map(z -> new Geocode(z.latitude(), z.longitude(),
                Geocode.Accuracy.APPROXIMATE, "ZIP " + z.zip() + " centroid (" + z.city() + ", " + z.state() + ")", ID));
    }
}

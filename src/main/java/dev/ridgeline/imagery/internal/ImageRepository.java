package dev.ridgeline.imagery.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.ridgeline.imagery.FetchedImage;
import dev.ridgeline.imagery.Purpose;
import dev.ridgeline.imagery.StoredImage;
import dev.ridgeline.platform.TenantId;

/** The metadata of stored images and cached tiles; the bytes are in the {@link ImageStore}. */
@Repository
public class ImageRepository {

    private static final String COLUMNS = """
            id, property_id, purpose, source, product, captured_on, capture_precision, resolution_m, width, height,
            heading, camera_lat, camera_lon, attribution, licence, synthetic, content_type, content_hash, fetched_at,
            expires_at, pixel_m""";

    private final JdbcClient jdbc;

    ImageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest unexpired image of a property for a purpose and date limit. */
    public Optional<StoredImage> latest(TenantId tenant, UUID property, Purpose purpose, String dateLimit, Instant now,
            Map<String, String> names) {
        return jdbc.sql("select " + COLUMNS + """
                 from imagery.image where tenant_id = :t and property_id = :p and purpose = :purpose
                  and date_limit = :limit and (expires_at is null or expires_at > :now)
                order by fetched_at desc limit 1""")
                .param("t", tenant.value()).param("p", property).param("purpose", purpose.name())
                .param("limit", dateLimit).param("now", Timestamp.from(now))
                .query((rs, n) -> row(rs, names)).optional();
    }

    public Optional<StoredImage> find(TenantId tenant, UUID id, Map<String, String> names) {
        return jdbc.sql("select " + COLUMNS + " from imagery.image where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", id).query((rs, n) -> row(rs, names)).optional();
    }

    public void insert(TenantId tenant, UUID id, @Nullable UUID property, Purpose purpose, String source,
            FetchedImage f, String hash, String dateLimit, Instant now, @Nullable Instant expires) {
        jdbc.sql("""
                insert into imagery.image (tenant_id, id, property_id, purpose, source, product, captured_on,
                  capture_precision, resolution_m, width, height, heading, camera_lat, camera_lon, source_ref,
                  attribution, licence, synthetic, content_hash, content_type, bytes, date_limit, fetched_at, expires_at,
                  pixel_m)
                values (:t, :id, :p, :purpose, :source, :product, :captured, :precision, :res, :w, :h, :heading, :clat,
                  :clon, :ref, :attribution, :licence, :synthetic, :hash, :ct, :bytes, :limit, :now, :expires, :pixel)""")
                .param("t", tenant.value()).param("id", id).param("p", property).param("purpose", purpose.name())
                .param("source", source).param("product", f.product()).param("captured", f.capturedOn())
                .param("precision", f.capturePrecision()).param("res", f.resolutionMetres()).param("w", f.width())
                .param("h", f.height()).param("heading", f.heading()).param("clat", f.cameraLatitude())
                .param("clon", f.cameraLongitude()).param("ref", f.sourceRef()).param("attribution", f.attribution())
                .param("licence", f.licence()).param("synthetic", f.synthetic()).param("hash", hash)
                .param("ct", f.contentType()).param("bytes", f.bytes().length).param("limit", dateLimit)
                .param("now", Timestamp.from(now)).param("expires", expires == null ? null : Timestamp.from(expires))
                .param("pixel", f.pixelMetres()).update();
    }

    /** A cached tile's hash and type, while it has not expired. */
    public Optional<String[]> tile(String source, int z, int x, int y, Instant now) {
        return jdbc.sql("""
                select content_hash, content_type from imagery.tile
                where source = :s and z = :z and x = :x and y = :y and expires_at > :now""")
                .param("s", source).param("z", z).param("x", x).param("y", y).param("now", Timestamp.from(now))
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).optional();
    }

    public void putTile(String source, int z, int x, int y, String hash, String contentType, Instant now,
            Instant expires) {
        jdbc.sql("""
                insert into imagery.tile (source, z, x, y, content_hash, content_type, fetched_at, expires_at)
                values (:s, :z, :x, :y, :h, :ct, :now, :exp)
                on conflict (source, z, x, y) do update set content_hash = excluded.content_hash,
                  content_type = excluded.content_type, fetched_at = excluded.fetched_at, expires_at = excluded.expires_at""")
                .param("s", source).param("z", z).param("x", x).param("y", y).param("h", hash).param("ct", contentType)
                .param("now", Timestamp.from(now)).param("exp", Timestamp.from(expires)).update();
    }

    /** Removes images and tiles past their keeping time; answers the hashes no row refers to any more. */
    public List<String> dropExpired(Instant now) {
        List<String> hashes = new java.util.ArrayList<>(jdbc.sql(
                "delete from imagery.image where expires_at is not null and expires_at <= :now returning content_hash")
                .param("now", Timestamp.from(now)).query(String.class).list());
        hashes.addAll(jdbc.sql("delete from imagery.tile where expires_at <= :now returning content_hash")
                .param("now", Timestamp.from(now)).query(String.class).list());
        return hashes.stream().distinct().filter(h -> !referenced(h)).toList();
    }

    private boolean referenced(String hash) {
        return Boolean.TRUE.equals(jdbc.sql("""
                select exists (select 1 from imagery.image where content_hash = :h)
                    or exists (select 1 from imagery.tile where content_hash = :h)""")
                .param("h", hash).query(Boolean.class).single());
    }

    private static StoredImage row(ResultSet rs, Map<String, String> names) throws SQLException {
        String source = rs.getString(4);
        Timestamp expires = rs.getTimestamp(20);
        return new StoredImage(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                Purpose.valueOf(rs.getString(3)), source, names.getOrDefault(source, source), rs.getString(5),
                rs.getObject(6, LocalDate.class), rs.getString(7), (Double) rs.getObject(8), rs.getInt(9),
                rs.getInt(10), (Double) rs.getObject(11), (Double) rs.getObject(12), (Double) rs.getObject(13),
                rs.getString(14), rs.getString(15), rs.getBoolean(16), rs.getString(17), rs.getString(18),
                rs.getTimestamp(19).toInstant(), expires == null ? null : expires.toInstant(), (Double) rs.getObject(21));
    }
}

package dev.ridgeline.insight.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

import dev.ridgeline.insight.RoofAgeSource;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.io.CopyStream;

/** Schema {@code insight}: each home's features and score, the re-roofing waves, the passes that wrote them. */
@Repository
class InsightStore {

    static final String COLUMNS = "tenant_id, property_id, address, address_key, city, postal_code, latitude, longitude,"
            + " h3_r7, year_built, score, fingerprint, hail_in, hail_on, hail_mi, hail_reports, wind_kt, wind_on,"
            + " wind_mi, tornado, radar_detections, radar_on, roof_year, roof_source, roof_confidence, roof_evidence,"
            + " recently_reroofed, neighbours_reroofed, wave_size, wave_since, zip_claims, model, as_of, scored_at";
    private static final String UPDATE_SET = updateSet();

    /** A stored home: its features and how they were scored. */
    record Stored(HomeFeatures features, int score, long fingerprint, LocalDate asOf, String model) {
    }

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    InsightStore(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** One pass per company at a time, on any node: held until the caller's transaction ends. */
    void lock(TenantId tenant) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('insight:' || cast(:t as text)))").param("t", tenant.value())
                .query((rs, n) -> 1).single();
    }

    Map<UUID, Long> fingerprints(TenantId tenant) {
        Map<UUID, Long> out = new HashMap<>();
        jdbc.sql("select property_id, fingerprint from insight.home_score where tenant_id = :t")
                .param("t", tenant.value()).withFetchSize(20_000)
                .query((RowCallbackHandler) rs -> out.put(rs.getObject(1, UUID.class), rs.getLong(2)));
        return out;
    }

    /** Rows to write: a home, its score and fingerprint. */
    record Row(HomeFeatures features, int score, long fingerprint) {
    }

    /** Writes new homes straight into the table with COPY (the caller holds the company's lock). */
    void insert(TenantId tenant, List<Row> rows, String model, LocalDate asOf, Instant now) {
        copy("insight.home_score", tenant, rows, model, asOf, now);
    }

    /** Rewrites changed homes: COPY into a temporary table, then one UPDATE joined on the key. */
    void update(TenantId tenant, List<Row> rows, String model, LocalDate asOf, Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.sql("create temp table stage_home_score (like insight.home_score) on commit drop").update();
        copy("stage_home_score", tenant, rows, model, asOf, now);
        jdbc.sql("update insight.home_score h set " + UPDATE_SET
                + " from stage_home_score s where h.tenant_id = s.tenant_id and h.property_id = s.property_id").update();
        jdbc.sql("drop table stage_home_score").update();
    }

    private static final String EXPOSURE_COLUMNS = "property_id, score, fingerprint, hail_in, hail_on, hail_mi, "
            + "hail_reports, wind_kt, wind_on, wind_mi, tornado, radar_detections, radar_on";

    /**
     * Rewrites only the storm exposure, score and fingerprint of homes whose other features are unchanged (a storm
     * pass): a third of the columns to stage, and no indexed column changes, so PostgreSQL updates in place.
     */
    void updateExposure(TenantId tenant, List<Row> rows, String model, LocalDate asOf, Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.sql("""
                create temp table stage_exposure (property_id uuid, score smallint, fingerprint bigint, hail_in real,
                  hail_on date, hail_mi real, hail_reports int, wind_kt real, wind_on date, wind_mi real,
                  tornado boolean, radar_detections int, radar_on date) on commit drop""").update();
        try (CopyStream copy = new CopyStream(DataSourceUtils.getConnection(dataSource), "stage_exposure",
                EXPOSURE_COLUMNS)) {
            for (Row r : rows) {
                HomeFeatures h = r.features();
                copy.row(h.propertyId, r.score(), r.fingerprint(), real(h.hailInches), h.hailOn,
                        h.hailOn == null ? null : (float) h.hailMiles, h.hailReports, real(h.windKnots), h.windOn,
                        h.windOn == null ? null : (float) h.windMiles, h.tornado, h.radarDetections, h.radarOn);
            }
            copy.finish();
        } catch (SQLException e) {
            throw new IllegalStateException("writing storm exposure failed: " + e.getMessage(), e);
        }
        jdbc.sql("""
                update insight.home_score h set score = s.score, fingerprint = s.fingerprint, hail_in = s.hail_in,
                  hail_on = s.hail_on, hail_mi = s.hail_mi, hail_reports = s.hail_reports, wind_kt = s.wind_kt,
                  wind_on = s.wind_on, wind_mi = s.wind_mi, tornado = s.tornado,
                  radar_detections = s.radar_detections, radar_on = s.radar_on, model = :model, as_of = :asOf,
                  scored_at = :now
                from stage_exposure s where h.tenant_id = :t and h.property_id = s.property_id""")
                .param("t", tenant.value()).param("model", model).param("asOf", asOf)
                .param("now", Timestamp.from(now)).update();
        jdbc.sql("drop table stage_exposure").update();
    }

    void delete(TenantId tenant, Collection<UUID> propertyIds) {
        if (!propertyIds.isEmpty()) {
            jdbc.sql("delete from insight.home_score where tenant_id = :t and property_id = any(:ids)")
                    .param("t", tenant.value()).param("ids", propertyIds.toArray(UUID[]::new)).update();
        }
    }

    private void copy(String table, TenantId tenant, List<Row> rows, String model, LocalDate asOf, Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Timestamp at = Timestamp.from(now);
        try (CopyStream copy = new CopyStream(connection, table, COLUMNS)) {
            for (Row r : rows) {
                HomeFeatures h = r.features();
                copy.row(tenant.value(), h.propertyId, h.address, h.addressKey, h.city, h.postalCode, h.latitude,
                        h.longitude, h.h3r7, h.yearBuilt, r.score(), r.fingerprint(), real(h.hailInches), h.hailOn,
                        h.hailOn == null ? null : (float) h.hailMiles, h.hailReports, real(h.windKnots), h.windOn,
                        h.windOn == null ? null : (float) h.windMiles, h.tornado, h.radarDetections, h.radarOn,
                        h.roofYear, h.roofSource.name(), (float) h.roofConfidence, h.roofEvidence,
                        h.recentlyReroofed, h.neighboursReroofed, h.waveSize, h.waveSince, h.zipClaims, model, asOf,
                        at);
            }
            copy.finish();
        } catch (SQLException e) {
            throw new IllegalStateException("writing lead scores failed: " + e.getMessage(), e);
        }
    }

    private static @Nullable Float real(double v) {
        return Double.isNaN(v) ? null : (float) v;
    }

    /** The stored homes of the given resolution-7 cells. */
    List<Stored> inCells(TenantId tenant, Collection<Long> cells) {
        return jdbc.sql("select * from insight.home_score where tenant_id = :t and h3_r7 = any(:cells)")
                .param("t", tenant.value()).param("cells", cells.toArray(Long[]::new))
                .withFetchSize(20_000).query(InsightStore::map).list();
    }

    /** Streams every stored home of a company, best score first. */
    void forEach(TenantId tenant, java.util.function.Consumer<Stored> each) {
        jdbc.sql("select * from insight.home_score where tenant_id = :t order by score desc, property_id")
                .param("t", tenant.value()).withFetchSize(10_000)
                .query((RowCallbackHandler) rs -> each.accept(map(rs, 0)));
    }

    Optional<Stored> find(TenantId tenant, UUID propertyId) {
        return jdbc.sql("select * from insight.home_score where tenant_id = :t and property_id = :p")
                .param("t", tenant.value()).param("p", propertyId).query(InsightStore::map).optional();
    }

    /** Filters of the ranked list; null means any. */
    record Filter(@Nullable Integer minScore, @Nullable String postalCode, @Nullable String city,
            @Nullable String addressPrefix, boolean includeExcluded) {
    }

    List<Stored> page(TenantId tenant, Filter f, String orderBy, int offset, int limit) {
        return jdbc.sql("select * from insight.home_score where tenant_id = :t" + where(f) + " order by " + orderBy
                + ", property_id offset :offset limit :limit")
                .param("t", tenant.value()).param("min", f.minScore()).param("zip", f.postalCode())
                .param("city", f.city()).param("prefix", f.addressPrefix() == null ? null : f.addressPrefix() + "%")
                .param("offset", offset).param("limit", limit)
                .query(InsightStore::map).list();
    }

    long count(TenantId tenant, Filter f) {
        return jdbc.sql("select count(*) from insight.home_score where tenant_id = :t" + where(f))
                .param("t", tenant.value()).param("min", f.minScore()).param("zip", f.postalCode())
                .param("city", f.city()).param("prefix", f.addressPrefix() == null ? null : f.addressPrefix() + "%")
                .query(Long.class).single();
    }

    private static String where(Filter f) {
        return (f.includeExcluded() ? "" : " and not recently_reroofed")
                + " and (cast(:min as int) is null or score >= cast(:min as int))"
                + " and (cast(:zip as text) is null or postal_code = cast(:zip as text))"
                + " and (cast(:city as text) is null or upper(city) = upper(cast(:city as text)))"
                + " and (cast(:prefix as text) is null or address_key like cast(:prefix as text))";
    }

    /** Scored homes inside a box, best first, at most {@code limit}. */
    List<Stored> inBox(TenantId tenant, double south, double west, double north, double east, int limit) {
        return jdbc.sql("""
                select * from insight.home_score
                where tenant_id = :t and latitude between :s and :n and longitude between :w and :e
                order by score desc, property_id limit :limit""")
                .param("t", tenant.value()).param("s", south).param("n", north).param("w", west).param("e", east)
                .param("limit", limit).query(InsightStore::map).list();
    }

    /** The resolution-7 cells that hold at least one scored home. */
    List<Long> cellsWithHomes(TenantId tenant) {
        return jdbc.sql("select distinct h3_r7 from insight.home_score where tenant_id = :t")
                .param("t", tenant.value()).query(Long.class).list();
    }

    /** Homes per resolution-7 cell inside a box: count, mean and top score, for the map when zoomed out. */
    List<double[]> cells(TenantId tenant, double south, double west, double north, double east) {
        return jdbc.sql("""
                select h3_r7, count(*), avg(score), max(score) from insight.home_score
                where tenant_id = :t and not recently_reroofed and latitude between :s and :n and longitude between :w and :e
                group by h3_r7""")
                .param("t", tenant.value()).param("s", south).param("n", north).param("w", west).param("e", east)
                .query((rs, n) -> new double[] {rs.getLong(1), rs.getLong(2), rs.getDouble(3), rs.getInt(4)}).list();
    }

    void replaceWaves(TenantId tenant, LocalDate asOf, List<Analysis.Wave> waves) {
        jdbc.sql("delete from insight.wave where tenant_id = :t").param("t", tenant.value()).update();
        for (Analysis.Wave w : waves) {
            StringBuilder hull = new StringBuilder("[");
            for (double[] p : w.hull()) {
                hull.append(hull.length() > 1 ? "," : "").append('[').append(p[0]).append(',').append(p[1]).append(']');
            }
            StringBuilder top = new StringBuilder("{");
            w.topContractors().forEach((name, count) -> top.append(top.length() > 1 ? "," : "")
                    .append(tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(name)).append(':').append(count));
            jdbc.sql("""
                    insert into insight.wave (tenant_id, number, as_of, size, latitude, longitude, hull, first_on, last_on,
                      top_contractors) values (:t, :n, :asOf, :size, :lat, :lon, cast(:hull as jsonb), :first, :last,
                      cast(:top as jsonb))""")
                    .param("t", tenant.value()).param("n", w.number()).param("asOf", asOf).param("size", w.size())
                    .param("lat", w.latitude()).param("lon", w.longitude()).param("hull", hull.append(']').toString())
                    .param("first", w.first()).param("last", w.last()).param("top", top.append('}').toString())
                    .update();
        }
    }

    /** The waves of the last pass as GeoJSON features' parts: number, size, first, last, hull JSON, contractors JSON. */
    List<Object[]> waves(TenantId tenant) {
        return jdbc.sql("""
                select number, size, first_on, last_on, hull::text, top_contractors::text, latitude, longitude
                from insight.wave where tenant_id = :t order by size desc, number""")
                .param("t", tenant.value())
                .query((rs, n) -> new Object[] {rs.getInt(1), rs.getInt(2), rs.getObject(3, LocalDate.class),
                        rs.getObject(4, LocalDate.class), rs.getString(5), rs.getString(6), rs.getDouble(7),
                        rs.getDouble(8)})
                .list();
    }

    Optional<LocalDate> pinnedAsOf(TenantId tenant) {
        return jdbc.sql("select as_of from insight.settings where tenant_id = :t and as_of is not null")
                .param("t", tenant.value()).query(LocalDate.class).optional();
    }

    void pinAsOf(TenantId tenant, @Nullable LocalDate asOf, Instant now) {
        jdbc.sql("""
                insert into insight.settings (tenant_id, as_of, updated_at) values (:t, :asOf, :now)
                on conflict (tenant_id) do update set as_of = excluded.as_of, updated_at = excluded.updated_at""")
                .param("t", tenant.value()).param("asOf", asOf).param("now", Timestamp.from(now)).update();
    }

    UUID startRun(TenantId tenant, UUID id, String kind, LocalDate asOf, Instant now) {
        jdbc.sql("""
                insert into insight.analysis_run (tenant_id, id, kind, as_of, started_at)
                values (:t, :id, :kind, :asOf, :now)""")
                .param("t", tenant.value()).param("id", id).param("kind", kind).param("asOf", asOf)
                .param("now", Timestamp.from(now)).update();
        return id;
    }

    void finishRun(TenantId tenant, UUID id, int homes, int written, long millis, Instant now) {
        jdbc.sql("""
                update insight.analysis_run set finished_at = :now, homes = :homes, written = :written, millis = :ms
                where tenant_id = :t and id = :id""")
                .param("t", tenant.value()).param("id", id).param("now", Timestamp.from(now)).param("homes", homes)
                .param("written", written).param("ms", millis).update();
    }

    /** The last finished pass: kind, as-of day, finished at, homes, written, millis; empty before the first. */
    Optional<Object[]> lastRun(TenantId tenant) {
        return jdbc.sql("""
                select kind, as_of, finished_at, homes, written, millis from insight.analysis_run
                where tenant_id = :t and finished_at is not null order by finished_at desc limit 1""")
                .param("t", tenant.value())
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getObject(2, LocalDate.class),
                        rs.getTimestamp(3).toInstant(), rs.getInt(4), rs.getInt(5), rs.getLong(6)})
                .optional();
    }

    private static Stored map(ResultSet rs, int n) throws SQLException {
        HomeFeatures h = new HomeFeatures(rs.getObject("property_id", UUID.class), rs.getString("address"),
                rs.getString("address_key"), rs.getString("city"), rs.getString("postal_code"),
                rs.getDouble("latitude"), rs.getDouble("longitude"), rs.getLong("h3_r7"));
        h.yearBuilt = (Integer) rs.getObject("year_built");
        float hail = rs.getFloat("hail_in");
        h.hailInches = rs.wasNull() ? Double.NaN : hail;
        h.hailOn = rs.getObject("hail_on", LocalDate.class);
        h.hailMiles = rs.getFloat("hail_mi");
        h.hailReports = rs.getInt("hail_reports");
        float wind = rs.getFloat("wind_kt");
        h.windKnots = rs.wasNull() ? Double.NaN : wind;
        h.windOn = rs.getObject("wind_on", LocalDate.class);
        h.windMiles = rs.getFloat("wind_mi");
        h.tornado = rs.getBoolean("tornado");
        h.radarDetections = rs.getInt("radar_detections");
        h.radarOn = rs.getObject("radar_on", LocalDate.class);
        h.roofYear = (Integer) rs.getObject("roof_year");
        h.roofSource = RoofAgeSource.valueOf(rs.getString("roof_source"));
        h.roofConfidence = rs.getFloat("roof_confidence");
        h.roofEvidence = rs.getString("roof_evidence");
        h.recentlyReroofed = rs.getBoolean("recently_reroofed");
        h.neighboursReroofed = rs.getInt("neighbours_reroofed");
        h.waveSize = rs.getInt("wave_size");
        h.waveSince = rs.getObject("wave_since", LocalDate.class);
        h.zipClaims = rs.getInt("zip_claims");
        return new Stored(h, rs.getInt("score"), rs.getLong("fingerprint"), rs.getObject("as_of", LocalDate.class), rs.getString("model"));
    }

    private static String updateSet() {
        StringBuilder b = new StringBuilder();
        for (String c : COLUMNS.split(",")) {
            String col = c.strip();
            if (!col.equals("tenant_id") && !col.equals("property_id")) {
                b.append(b.isEmpty() ? "" : ", ").append(col).append(" = s.").append(col);
            }
        }
        return b.toString();
    }
}

package dev.ridgeline.insight.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.io.BinaryCopyReader;
import dev.ridgeline.platform.io.BinaryCopyWriter;

/** Schema {@code insight}: each home's features and score, the re-roofing waves, the passes that wrote them. */
@Repository
class InsightStore {

    static final String COLUMNS = "tenant_id, property_id, address, address_key, city, postal_code, latitude, longitude,"
            + " h3_r7, score, fingerprint, hail_in, hail_on, roof_year, recently_reroofed, model, as_of, scored_at,"
            + " evidence";
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

    /**
     * Creates the company's partition of {@code insight.home_score} if it has none, in a transaction of its own and
     * before the pass takes any lock on the table: creating a partition locks the whole table for a moment.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void ensurePartition(TenantId tenant) {
        String name = partition(tenant);
        Boolean exists = jdbc.sql("select to_regclass('insight.' || :name) is not null").param("name", name)
                .query(Boolean.class).single();
        if (!exists) {
            lock(tenant);
            jdbc.sql("create table if not exists insight." + name + " partition of insight.home_score for values in ('"
                    + tenant.value() + "') with (fillfactor = 85)").update();
            createIndexes(name);
        }
    }

    /**
     * The partition's own keys: its primary key (the property id alone: a partition holds one company) and the index
     * storm passes find a cell's homes by.
     */
    private void createIndexes(String partition) {
        jdbc.sql("alter table insight." + partition + " add constraint " + partition
                + "_pkey primary key (property_id)").update();
        jdbc.sql("create index " + partition + "_cell on insight." + partition + " (h3_r7)").update();
    }

    /** The company's partition: {@code home_score_} and its id's 32 hex digits (a UUID, so never anything else). */
    static String partition(TenantId tenant) {
        return "home_score_" + tenant.value().toString().replace("-", "");
    }

    /** Writes new homes straight into the table with COPY (the caller holds the company's lock). */
    void insert(TenantId tenant, List<Row> rows, String model, LocalDate asOf, Instant now) {
        copy("insight.home_score", tenant, rows, model, asOf, now);
    }

    /**
     * Replaces every stored home of the company with {@code rows}: drops its partition's indexes, empties it, COPYs
     * the rows in sorted by H3 cell (so the homes a storm pass reads and rewrites share pages) and builds the indexes
     * again, which is faster than keeping them up row by row. For passes that rewrite most homes; the company's rows
     * are locked from here until the caller's transaction ends (and all of it is undone if it fails), other
     * companies' not at all.
     */
    void replace(TenantId tenant, List<Row> rows, String model, LocalDate asOf, Instant now) {
        String name = partition(tenant);
        jdbc.sql("alter table insight." + name + " drop constraint if exists " + name + "_pkey").update();
        jdbc.sql("drop index if exists insight." + name + "_cell").update();
        jdbc.sql("truncate insight." + name).update();
        copy("insight." + name, tenant, inCellOrder(rows), model, asOf, now);
        createIndexes(name);
    }

    /**
     * The rows in the order of their resolution-7 H3 cell (whose index keeps its meaning in its top 40 bits; the
     * rest is padding), by a primitive sort of a million longs with each row's position in the low 24 bits.
     */
    static List<Row> inCellOrder(List<Row> rows) {
        int n = rows.size();
        if (n >= 1 << 24) {
            List<Row> sorted = new ArrayList<>(rows);
            sorted.sort(java.util.Comparator.comparingLong(r -> r.features().h3r7));
            return sorted;
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((rows.get(i).features().h3r7 >>> 24) << 24) | i;
        }
        Arrays.sort(keys);
        List<Row> out = new ArrayList<>(n);
        for (long k : keys) {
            out.add(rows.get((int) (k & 0xffffff)));
        }
        return out;
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

    private static final String EXPOSURE_COLUMNS = "property_id, score, fingerprint, hail_in, hail_on, evidence";

    /**
     * Rewrites only the storm exposure (and so the packed evidence), score and fingerprint of homes whose other
     * features are unchanged (a storm pass): no indexed column changes, so PostgreSQL updates in place.
     */
    void updateExposure(TenantId tenant, List<Row> rows, String model, LocalDate asOf, Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.sql("""
                create temp table stage_exposure (property_id uuid, score smallint, fingerprint bigint, hail_in real,
                  hail_on date, evidence bytea) on commit drop""").update();
        try (BinaryCopyWriter copy = new BinaryCopyWriter(DataSourceUtils.getConnection(dataSource), "stage_exposure",
                EXPOSURE_COLUMNS)) {
            for (Row r : rows) {
                HomeFeatures h = r.features();
                copy.row(6).uuid(h.propertyId).int2(r.score()).int8(r.fingerprint()).float4(h.hailInches)
                        .date(h.hailOn).bytea(Evidence.pack(h));
            }
            copy.finish();
        } catch (SQLException e) {
            throw new IllegalStateException("writing storm exposure failed: " + e.getMessage(), e);
        }
        jdbc.sql("""
                update insight.home_score h set score = s.score, fingerprint = s.fingerprint, hail_in = s.hail_in,
                  hail_on = s.hail_on, evidence = s.evidence, model = :model, as_of = :asOf, scored_at = :now
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

    /** Writes the rows with a binary COPY, in the order of {@link #COLUMNS}. */
    private void copy(String table, TenantId tenant, List<Row> rows, String model, LocalDate asOf, Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (BinaryCopyWriter copy = new BinaryCopyWriter(connection, table, COLUMNS)) {
            for (Row r : rows) {
                HomeFeatures h = r.features();
                copy.row(19).uuid(tenant.value()).uuid(h.propertyId).text(h.address).text(h.addressKey).text(h.city)
                        .text(h.postalCode).float8(h.latitude).float8(h.longitude).int8(h.h3r7).int2(r.score())
                        .int8(r.fingerprint()).float4(h.hailInches).date(h.hailOn).int4(h.roofYear)
                        .bool(h.recentlyReroofed).text(model).date(asOf).timestamptz(now).bytea(Evidence.pack(h));
            }
            copy.finish();
        } catch (SQLException e) {
            throw new IllegalStateException("writing lead scores failed: " + e.getMessage(), e);
        }
    }

    /** The stored homes of the given resolution-7 cells (a binary COPY: a storm can cover a third of a metro). */
    List<Stored> inCells(TenantId tenant, Collection<Long> cells) {
        List<Stored> out = new ArrayList<>();
        StringBuilder in = new StringBuilder(" and h3_r7 = any('{");
        for (Long cell : cells) {
            in.append(in.charAt(in.length() - 1) == '{' ? "" : ",").append(cell.longValue());
        }
        each(tenant, in.append("}'::bigint[])").toString(), out::add);
        return out;
    }

    /** Streams every stored home of a company, best score first (a binary COPY: a million homes in a few seconds). */
    void forEach(TenantId tenant, Consumer<Stored> each) {
        each(tenant, " order by score desc, property_id", each);
    }

    /** Streams every stored home of a company in no particular order. */
    void forEachUnordered(TenantId tenant, Consumer<Stored> each) {
        each(tenant, "", each);
    }

    private void each(TenantId tenant, String orderBy, Consumer<Stored> each) {
        String query = "select " + COLUMNS + " from insight.home_score where tenant_id = '" + tenant.value() + "'"
                + orderBy;
        try (BinaryCopyReader r = new BinaryCopyReader(DataSourceUtils.getConnection(dataSource), query)) {
            while (r.next()) {
                each.accept(read(r));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading lead scores failed: " + e.getMessage(), e);
        }
    }

    /** A row of {@link #COLUMNS} from a binary COPY. */
    private static Stored read(BinaryCopyReader r) {
        HomeFeatures h = new HomeFeatures(r.uuid(1), r.text(2), r.text(3), r.text(4), r.text(5), r.float8(6),
                r.float8(7), r.int8(8));
        h.hailInches = r.float4(11);
        h.hailOn = r.date(12);
        h.roofYear = r.int4OrNull(13);
        h.recentlyReroofed = r.bool(14);
        byte[] evidence = r.bytea(18);
        Evidence.unpack(evidence, evidence.length, h);
        return new Stored(h, r.int2(9), r.int8(10), r.date(16), r.text(15));
    }

    boolean hasScores(TenantId tenant) {
        return jdbc.sql("select exists (select 1 from insight.home_score where tenant_id = :t)")
                .param("t", tenant.value()).query(Boolean.class).single();
    }

    /** The stored homes among {@code propertyIds}. */
    List<Stored> find(TenantId tenant, Collection<UUID> propertyIds) {
        if (propertyIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from insight.home_score where tenant_id = :t and property_id = any(:ids)")
                .param("t", tenant.value()).param("ids", propertyIds.toArray(UUID[]::new))
                .query(InsightStore::map).list();
    }

    /** The day the company's stored features were found as of: its last finished pass's. */
    Optional<LocalDate> scoredAsOf(TenantId tenant) {
        return jdbc.sql("select as_of from insight.analysis_run where tenant_id = :t and finished_at is not null"
                + " order by finished_at desc limit 1").param("t", tenant.value()).query(LocalDate.class).optional();
    }

    Optional<Stored> find(TenantId tenant, UUID propertyId) {
        return jdbc.sql("select * from insight.home_score where tenant_id = :t and property_id = :p")
                .param("t", tenant.value()).param("p", propertyId).query(InsightStore::map).optional();
    }

    /** Many homes' stored scores, in one statement. */
    List<Stored> findAll(TenantId tenant, java.util.Collection<UUID> propertyIds) {
        if (propertyIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from insight.home_score where tenant_id = :t and property_id = any(:p)")
                .param("t", tenant.value()).param("p", propertyIds.stream().distinct().toArray(UUID[]::new))
                .query(InsightStore::map).list();
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
        float hail = rs.getFloat("hail_in");
        h.hailInches = rs.wasNull() ? Double.NaN : hail;
        h.hailOn = rs.getObject("hail_on", LocalDate.class);
        h.roofYear = (Integer) rs.getObject("roof_year");
        h.recentlyReroofed = rs.getBoolean("recently_reroofed");
        byte[] evidence = rs.getBytes("evidence");
        Evidence.unpack(evidence, evidence.length, h);
        return new Stored(h, rs.getInt("score"), rs.getLong("fingerprint"), rs.getObject("as_of", LocalDate.class),
                rs.getString("model"));
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

    Optional<Integer> storedScore(TenantId tenant, UUID propertyId) {
        return jdbc.sql("select score from insight.home_score where tenant_id = :t and property_id = :p")
                .param("t", tenant.value()).param("p", propertyId).query(Integer.class).optional();
    }

    java.util.List<UUID> homesHit(TenantId tenant, java.time.LocalDate first, java.time.LocalDate last, double minInches,
            java.util.Collection<String> zips) {
        return jdbc.sql("""
                select property_id from insight.home_score
                where tenant_id = :t and hail_in >= :min and hail_on between :first and :last
                  and (cardinality(cast(:zips as text[])) = 0 or left(postal_code, 5) = any(cast(:zips as text[])))
                order by score desc, property_id""")
                .param("t", tenant.value()).param("min", minInches).param("first", first).param("last", last)
                .param("zips", zips.toArray(String[]::new)).query(UUID.class).list();
    }
}

package dev.ridgeline.property.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongConsumer;

import org.springframework.stereotype.Component;

import dev.ridgeline.platform.GeoPoint;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.io.CopyStream;
import dev.ridgeline.platform.io.TextFiles;
import dev.ridgeline.property.BuildingsImported;
import dev.ridgeline.signals.ImportKind;
import dev.ridgeline.signals.ImportOptions;
import dev.ridgeline.signals.imports.FileImporter;
import dev.ridgeline.signals.imports.ImportCounts;
import dev.ridgeline.signals.imports.ImportSupport;

/**
 * Imports building footprints from GeoJSON. Features stream into a staging table (problems numbered by feature,
 * the first being 1); buildings with an address become or join a property by that address, with the footprint's
 * centroid as its location; the rest are linked later to the property whose location they contain.
 */
@Component
class FootprintImporter extends FileImporter {

    private static final String STAGE_COLUMNS = "line, err_column, err_reason, source, source_id, kind, geometry, area_m2, "
            + "centroid_lat, centroid_lon, min_lat, max_lat, min_lon, max_lon, levels, address, address_key, unit_key, "
            + "house_number, city, state, postal_code, latitude, longitude, h3_r7, h3_r8, h3_r9, location_source";

    private final PropertyGraph graph;

    FootprintImporter(ImportSupport support, PropertyGraph graph) {
        super(ImportKind.FOOTPRINTS, support);
        this.graph = graph;
    }

    @Override
    protected ImportCounts load(TenantId tenant, UUID importId, Path file, String fileName, TextFiles.Encoding encoding,
            ImportOptions options, LongConsumer progress) throws IOException {
        jdbc.sql("""
                create temp table stage_building (line bigint, err_column text, err_reason text, source text,
                  source_id text, kind text, geometry jsonb, area_m2 double precision, centroid_lat double precision,
                  centroid_lon double precision, min_lat double precision, max_lat double precision,
                  min_lon double precision, max_lon double precision, levels int, address text, address_key text,
                  unit_key text, house_number text, city text, state text, postal_code text,
                  latitude double precision, longitude double precision, h3_r7 bigint, h3_r8 bigint, h3_r9 bigint,
                  location_source text, property_id uuid) on commit drop""").update();
        long read = 0;
        FootprintParser parser = new FootprintParser();
        Map<String, Long> seen = new HashMap<>();
        try (GeoJsonFeatures features = new GeoJsonFeatures(TextFiles.open(file, encoding));
                CopyStream copy = copyInto("stage_building", STAGE_COLUMNS)) {
            for (GeoJsonFeatures.Item item = features.next(); item != null; item = features.next()) {
                FootprintParser.Outcome outcome = switch (item) {
                    case GeoJsonFeatures.Feature f -> parser.parse(f.ordinal(), f.node());
                    case GeoJsonFeatures.Broken b -> new FootprintParser.Rejected(b.ordinal(), "file", b.reason());
                };
                if (outcome instanceof FootprintParser.Footprint fp) {
                    Long first = seen.putIfAbsent(fp.source() + ' ' + fp.sourceId(), fp.line());
                    if (first != null) {
                        outcome = new FootprintParser.Rejected(fp.line(), "id", "duplicate of feature " + first);
                    }
                }
                switch (outcome) {
                    case FootprintParser.Footprint f -> {
                        var m = f.measure();
                        GeoPoint c = new GeoPoint(m.centroidLat(), m.centroidLon());
                        boolean addressed = f.addressKey() != null;
                        copy.row(f.line(), null, null, f.source(), f.sourceId(), f.kind(), f.geometryJson(), m.areaM2(),
                                m.centroidLat(), m.centroidLon(), m.minLat(), m.maxLat(), m.minLon(), m.maxLon(),
                                f.levels(), f.address(), f.addressKey(), f.unitKey(), f.houseNumber(), f.city(),
                                f.state(), f.postalCode(), addressed ? c.latitude() : null,
                                addressed ? c.longitude() : null, c.cell(GeoPoint.STORM_RESOLUTION),
                                c.cell(GeoPoint.SEARCH_RESOLUTION), f.h3r9(), "FOOTPRINT");
                    }
                    case FootprintParser.Rejected x -> copy.row(x.line(), x.column(), x.reason(), null, null, null,
                            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                            null, null, null, null, null, null, null);
                }
                progress(tenant, importId, ++read, progress);
            }
            copy.finish();
            progress.accept(read);
        } catch (GeoJsonFeatures.NotGeoJson e) {
            throw new FileProblem(e.getMessage());
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into the staging table failed: " + e.getMessage(), e);
        }
        return merge(tenant, importId, read);
    }

    private ImportCounts merge(TenantId tenant, UUID importId, long read) {
        long rejected = recordProblems("stage_building", tenant, importId);
        var now = clock.instant();
        long created = graph.resolve("stage_building", tenant, now);
        long[] merged = jdbc.sql("""
                with merged as (
                  insert into property.building (tenant_id, id, property_id, source, source_id, kind, geometry, area_m2,
                    centroid_lat, centroid_lon, min_lat, max_lat, min_lon, max_lon, h3_r9, address, address_key,
                    postal_code, levels, link_method, import_id, created_at, updated_at)
                  select :t, gen_random_uuid(), property_id, source, source_id, kind, geometry, area_m2, centroid_lat,
                    centroid_lon, min_lat, max_lat, min_lon, max_lon, h3_r9, address, address_key, postal_code, levels,
                    case when property_id is null then null else 'ADDRESS' end, :id, :now, :now
                  from stage_building where err_reason is null
                  on conflict (tenant_id, source, source_id) do update set
                    property_id = coalesce(excluded.property_id, building.property_id),
                    link_method = coalesce(excluded.link_method, building.link_method),
                    kind = excluded.kind, geometry = excluded.geometry, area_m2 = excluded.area_m2,
                    centroid_lat = excluded.centroid_lat, centroid_lon = excluded.centroid_lon,
                    min_lat = excluded.min_lat, max_lat = excluded.max_lat, min_lon = excluded.min_lon,
                    max_lon = excluded.max_lon, h3_r9 = excluded.h3_r9, address = excluded.address,
                    address_key = excluded.address_key, postal_code = excluded.postal_code, levels = excluded.levels,
                    import_id = excluded.import_id, updated_at = excluded.updated_at
                  where (building.kind, building.geometry, building.address, building.postal_code, building.levels)
                      is distinct from (excluded.kind, excluded.geometry, excluded.address, excluded.postal_code,
                      excluded.levels)
                    or (excluded.property_id is not null and building.property_id is distinct from excluded.property_id)
                  returning (xmax = 0) as inserted)
                select count(*) filter (where inserted), count(*) filter (where not inserted) from merged""")
                .param("t", tenant.value()).param("id", importId).param("now", Timestamp.from(now))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        long linked = graph.linkByContainment(tenant, now);
        ImportCounts counts = finish(tenant, importId, ImportCounts.of(read, rejected, merged[0], merged[1]));
        if (merged[0] + merged[1] > 0) {
            events.publishEvent(new BuildingsImported(tenant, importId, merged[0] + merged[1], created, linked));
        }
        return counts;
    }
}

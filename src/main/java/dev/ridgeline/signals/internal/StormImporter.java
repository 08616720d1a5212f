package dev.ridgeline.signals.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongConsumer;

import org.springframework.stereotype.Component;

import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.io.CopyStream;
import dev.ridgeline.platform.io.CsvReader;
import dev.ridgeline.platform.io.TextFiles;
import dev.ridgeline.signals.ImportKind;
import dev.ridgeline.signals.ImportOptions;
import dev.ridgeline.signals.StormReportsImported;
import dev.ridgeline.signals.imports.FileImporter;
import dev.ridgeline.signals.imports.ImportCounts;
import dev.ridgeline.signals.imports.ImportSupport;

/**
 * Imports one storm file, whichever of three it is (told by its first line): an SPC daily report CSV, an NCEI
 * Storm Events details CSV, or an NCEI NEXRAD hail-signature tile summary. Rows stream from the file into a
 * temporary table by COPY, rejected rows included with their reason; in one transaction the duplicates are marked, the problems recorded and the good
 * rows merged on their natural key, counting new, changed and unchanged rows. Progress is written as it goes, in
 * its own transactions, so the import page can show it.
 */
@Component
public class StormImporter extends FileImporter {

    private static final String STAGE_COLUMNS = "line, err_column, err_reason, kind, occurred_at, report_date, magnitude, "
            + "magnitude_text, location, county, state, latitude, longitude, h3_r7, comments, wfo";

    StormImporter(ImportSupport support) {
        super(ImportKind.STORMS, support);
    }

    @Override
    protected ImportCounts load(TenantId tenant, UUID importId, Path file, String fileName, TextFiles.Encoding encoding,
            ImportOptions options, LongConsumer progress) throws IOException {
        List<String> first;
        try (CsvReader peek = new CsvReader(TextFiles.open(file, encoding))) {
            first = peek.next() instanceof CsvReader.Row row ? row.fields() : List.of();
        }
        if (HailTileParser.isHeader(first)) {
            HailTileParser.check(first);
            return loadTiles(tenant, importId, file, encoding, progress);
        }
        if (StormEventsParser.isHeader(first)) {
            StormEventsParser parser = new StormEventsParser(first);
            return loadReports(tenant, importId, file, encoding, "NCEI", true, parser::parse, () -> true, progress);
        }
        LocalDate reportDate = options.reportDate() != null ? options.reportDate() : SpcStormParser.dateFromFileName(fileName)
                .orElseThrow(() -> new FileProblem("cannot tell the report date: name the file like SPC does "
                        + "(YYMMDD_rpts_hail.csv) or give the date; or is it not an SPC, Storm Events or NEXRAD tile file?"));
        SpcStormParser parser = new SpcStormParser(reportDate);
        return loadReports(tenant, importId, file, encoding, "SPC", false, parser::parse, parser::sawHeader, progress);
    }

    private ImportCounts loadReports(TenantId tenant, UUID importId, Path file, TextFiles.Encoding encoding,
            String source, boolean skipHeader, Function<CsvReader.Result, SpcStormParser.Outcome> parser,
            BooleanSupplier sawHeader, LongConsumer progress) throws IOException {
        jdbc.sql("""
                create temp table stage_storm (line bigint, err_column text, err_reason text, kind text,
                  occurred_at timestamptz, report_date date, magnitude numeric, magnitude_text text, location text,
                  county text, state text, latitude double precision, longitude double precision, h3_r7 bigint,
                  comments text, wfo text) on commit drop""").update();
        long read = 0;
        try (CsvReader csv = new CsvReader(TextFiles.open(file, encoding));
                CopyStream copy = copyInto("stage_storm", STAGE_COLUMNS)) {
            if (skipHeader) {
                csv.next();
            }
            for (CsvReader.Result r = csv.next(); r != null; r = csv.next()) {
                switch (parser.apply(r)) {
                    case SpcStormParser.Storm s -> copy.row(s.line(), null, null, s.kind().name(),
                            s.occurredAt(), s.reportDate(), s.magnitude(), s.magnitudeText(),
                            s.location(), s.county(), s.state(), s.latitude(), s.longitude(), s.h3r7(), s.comments(),
                            s.wfo());
                    case SpcStormParser.Rejected x -> copy.row(x.line(), x.column(), x.reason(), null, null, null,
                            null, null, null, null, null, null, null, null, null, null);
                    case SpcStormParser.Skipped ignored -> {
                        continue;
                    }
                }
                progress(tenant, importId, ++read, progress);
            }
            if (!sawHeader.getAsBoolean()) {
                throw new FileProblem("this is not an SPC storm report file: no header row "
                        + "Time,Size|Speed|F_Scale,Location,County,State,Lat,Lon,Comments");
            }
            copy.finish();
            progress.accept(read);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into the staging table failed: " + e.getMessage(), e);
        }
        return merge(tenant, importId, read, source);
    }

    private ImportCounts loadTiles(TenantId tenant, UUID importId, Path file, TextFiles.Encoding encoding,
            LongConsumer progress) throws IOException {
        jdbc.sql("""
                create temp table stage_tile (line bigint, err_column text, err_reason text, day date,
                  latitude double precision, longitude double precision, detections int, h3_r7 bigint)
                  on commit drop""").update();
        long read = 0;
        HailTileParser parser = new HailTileParser();
        try (CsvReader csv = new CsvReader(TextFiles.open(file, encoding));
                CopyStream copy = copyInto("stage_tile", "line, err_column, err_reason, day, latitude, longitude, "
                        + "detections, h3_r7")) {
            csv.next();
            for (CsvReader.Result r = csv.next(); r != null; r = csv.next()) {
                switch (parser.parse(r)) {
                    case HailTileParser.Tile t -> copy.row(t.line(), null, null, t.day(), t.latitude(), t.longitude(),
                            t.detections(), t.h3r7());
                    case HailTileParser.Rejected x -> copy.row(x.line(), x.column(), x.reason(), null, null, null,
                            null, null);
                }
                progress(tenant, importId, ++read, progress);
            }
            copy.finish();
            progress.accept(read);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into the staging table failed: " + e.getMessage(), e);
        }
        jdbc.sql("""
                update stage_tile s set err_column = null, err_reason = 'duplicate of line ' || d.first_line
                from (select line, first_value(line) over (partition by day, latitude, longitude order by line)
                        as first_line from stage_tile where err_reason is null) d
                where s.line = d.line and d.line <> d.first_line""").update();
        long rejected = recordProblems("stage_tile", tenant, importId);
        long[] merged = jdbc.sql("""
                with merged as (
                  insert into signals.hail_tile (tenant_id, day, latitude, longitude, detections, h3_r7, import_id,
                    created_at, updated_at)
                  select :t, day, latitude, longitude, detections, h3_r7, :id, :now, :now
                  from stage_tile where err_reason is null
                  on conflict (tenant_id, day, latitude, longitude) do update set detections = excluded.detections,
                    import_id = excluded.import_id, updated_at = excluded.updated_at
                  where hail_tile.detections <> excluded.detections
                  returning (xmax = 0) as inserted)
                select count(*) filter (where inserted), count(*) filter (where not inserted) from merged""")
                .param("t", tenant.value()).param("id", importId).param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        return finish(tenant, importId, ImportCounts.of(read, rejected, merged[0], merged[1]));
    }

    private ImportCounts merge(TenantId tenant, UUID importId, long read, String source) {
        jdbc.sql("""
                update stage_storm s set err_column = null, err_reason = 'duplicate of line ' || d.first_line
                from (select line, first_value(line) over (partition by kind, occurred_at, latitude, longitude,
                        magnitude_text order by line) as first_line
                      from stage_storm where err_reason is null) d
                where s.line = d.line and d.line <> d.first_line""").update();
        long rejected = recordProblems("stage_storm", tenant, importId);
        var merged = jdbc.sql("""
                with merged as (
                  insert into signals.storm_report (tenant_id, id, kind, occurred_at, report_date, magnitude,
                    magnitude_text, location, county, state, latitude, longitude, h3_r7, comments, wfo, source,
                    import_id, created_at, updated_at)
                  select :t, gen_random_uuid(), kind, occurred_at, report_date, magnitude, magnitude_text, location,
                    county, state, latitude, longitude, h3_r7, comments, wfo, :source, :id, :now, :now
                  from stage_storm where err_reason is null
                  on conflict (tenant_id, kind, occurred_at, latitude, longitude, magnitude_text) do update set
                    report_date = excluded.report_date, magnitude = excluded.magnitude, location = excluded.location,
                    county = excluded.county, state = excluded.state, comments = excluded.comments,
                    wfo = excluded.wfo, import_id = excluded.import_id, updated_at = excluded.updated_at
                  where (storm_report.report_date, storm_report.magnitude, storm_report.location, storm_report.county,
                         storm_report.state, storm_report.comments, storm_report.wfo)
                    is distinct from (excluded.report_date, excluded.magnitude, excluded.location, excluded.county,
                         excluded.state, excluded.comments, excluded.wfo)
                  returning (xmax = 0) as inserted)
                select count(*) filter (where inserted) as stored, count(*) filter (where not inserted) as updated
                from merged""")
                .param("t", tenant.value()).param("id", importId).param("now", Timestamp.from(clock.instant()))
                .param("source", source).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        long valid = read - rejected;
        ImportCounts counts = new ImportCounts(read, merged[0], merged[1], valid - merged[0] - merged[1],
                rejected);
        finish(tenant, importId, counts);
        if (merged[0] + merged[1] > 0) {
            var days = jdbc.sql("select min(report_date), max(report_date) from stage_storm where err_reason is null")
                    .query((rs, n) -> new LocalDate[] {rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)})
                    .single();
            events.publishEvent(new StormReportsImported(tenant, importId, days[0], days[1], merged[0] + merged[1]));
        }
        return counts;
    }
}

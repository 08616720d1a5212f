package dev.ridgeline.signals.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.LongConsumer;

import org.springframework.stereotype.Component;

import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.io.CopyStream;
import dev.ridgeline.platform.io.CsvReader;
import dev.ridgeline.platform.io.TextFiles;
import dev.ridgeline.signals.ImportKind;
import dev.ridgeline.signals.ImportOptions;
import dev.ridgeline.signals.imports.FileImporter;
import dev.ridgeline.signals.imports.ImportCounts;
import dev.ridgeline.signals.imports.ImportSupport;

/** Imports area insurance-claim counts, merged on (area, period, peril); scoring reads them later. */
@Component
class ClaimImporter extends FileImporter {

    ClaimImporter(ImportSupport support) {
        super(ImportKind.CLAIMS, support);
    }

    @Override
    protected ImportCounts load(TenantId tenant, UUID importId, Path file, String fileName, TextFiles.Encoding encoding,
            ImportOptions options, LongConsumer progress) throws IOException {
        jdbc.sql("""
                create temp table stage_claim (line bigint, err_column text, err_reason text, area_type text,
                  area_code text, period_start date, period_end date, peril text, claims int, source text)
                  on commit drop""").update();
        long read = 0;
        try (CsvReader csv = new CsvReader(TextFiles.open(file, encoding));
                CopyStream copy = copyInto("stage_claim", "line, err_column, err_reason, area_type, area_code, "
                        + "period_start, period_end, peril, claims, source")) {
            CsvReader.Result header = csv.next();
            if (!(header instanceof CsvReader.Row headerRow)) {
                throw new FileProblem(header == null ? "the file has no rows" : "the header (line 1) cannot be read: "
                        + ((CsvReader.Malformed) header).reason());
            }
            ClaimRowParser parser = new ClaimRowParser(headerRow.fields(), LocalDate.now(clock));
            for (CsvReader.Result r = csv.next(); r != null; r = csv.next()) {
                switch (parser.parse(r)) {
                    case ClaimRowParser.Claim c -> copy.row(c.line(), null, null, c.areaType(), c.areaCode(), c.start(),
                            c.end(), c.peril(), c.claims(), c.source());
                    case ClaimRowParser.Rejected x -> copy.row(x.line(), x.column(), x.reason(), null, null, null, null,
                            null, null, null);
                }
                progress(tenant, importId, ++read, progress);
            }
            copy.finish();
            progress.accept(read);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into the staging table failed: " + e.getMessage(), e);
        }
        jdbc.sql("""
                update stage_claim s set err_column = null, err_reason = 'duplicate of line ' || d.first_line
                from (select line, first_value(line) over (partition by area_type, area_code, period_start,
                        period_end, peril order by line) as first_line from stage_claim where err_reason is null) d
                where s.line = d.line and d.line <> d.first_line""").update();
        long rejected = recordProblems("stage_claim", tenant, importId);
        long[] merged = jdbc.sql("""
                with merged as (
                  insert into signals.area_claim (tenant_id, area_type, area_code, period_start, period_end, peril,
                    claims, source, import_id, created_at, updated_at)
                  select :t, area_type, area_code, period_start, period_end, peril, claims, source, :id, :now, :now
                  from stage_claim where err_reason is null
                  on conflict (tenant_id, area_type, area_code, period_start, period_end, peril) do update set
                    claims = excluded.claims, source = excluded.source, import_id = excluded.import_id,
                    updated_at = excluded.updated_at
                  where (area_claim.claims, area_claim.source) is distinct from (excluded.claims, excluded.source)
                  returning (xmax = 0) as inserted)
                select count(*) filter (where inserted), count(*) filter (where not inserted) from merged""")
                .param("t", tenant.value()).param("id", importId).param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        return finish(tenant, importId, ImportCounts.of(read, rejected, merged[0], merged[1]));
    }
}

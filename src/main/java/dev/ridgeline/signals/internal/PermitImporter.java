package dev.ridgeline.signals.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.UUID;
import java.util.function.LongConsumer;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.io.BinaryCopyWriter;
import dev.ridgeline.platform.io.BinaryRows;
import dev.ridgeline.platform.io.CsvReader;
import dev.ridgeline.platform.io.TextFiles;
import dev.ridgeline.signals.ImportKind;
import dev.ridgeline.signals.ImportOptions;
import dev.ridgeline.signals.imports.FileImporter;
import dev.ridgeline.signals.imports.ImportCounts;
import dev.ridgeline.signals.imports.ImportSupport;
import dev.ridgeline.signals.PermitProfile;
import dev.ridgeline.signals.PermitsImported;

/**
 * Imports a building-permit CSV through a column-mapping profile, classifying each permit on the way in. Same
 * pipeline as storm reports: stream by COPY into a staging table, rejected rows included with their reason; mark
 * duplicates; merge on (source, permit number, permit type).
 */
@Component
public class PermitImporter extends FileImporter {

    private static final String STAGE_COLUMNS = "line, err_column, err_reason, id, permit_number, permit_type, subtype, "
            + "description, address, address_key, unit, city, state, postal_code, latitude, longitude, h3_r9, filed_on, "
            + "issued_on, valuation, contractor, parcel, category, category_reason";

    /** Rows parsed ahead and merged at a time (a multiple of the progress step). */
    public static final int BATCH = 40_000;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PermitImporter.class);

    private final PermitClassifier classifier = new PermitClassifier();

    private final PermitProfiles saved;

    PermitImporter(ImportSupport support, PermitProfiles saved) {
        super(ImportKind.PERMITS, support);
        this.saved = saved;
    }

    @Override
    protected ImportCounts load(TenantId tenant, UUID importId, Path file, String fileName, TextFiles.Encoding encoding,
            ImportOptions options, LongConsumer progress) throws IOException {
        long started = System.nanoTime();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        jdbc.sql("""
                create temp table stage_permit (line bigint, err_column text, err_reason text, id uuid, permit_number text,
                  permit_type text, subtype text, description text, address text, address_key text, unit text,
                  city text, state text, postal_code text, latitude double precision, longitude double precision,
                  h3_r9 bigint, filed_on date, issued_on date, valuation text, contractor text, parcel text,
                  category text, category_reason text) on commit drop""").update();
        // Read before any COPY starts: the connection serves nothing else while one runs.
        List<PermitProfile> candidates = new java.util.ArrayList<>(PermitProfile.builtIn());
        candidates.addAll(saved.list(tenant));
        CsvReader csv = new CsvReader(TextFiles.open(file, encoding));
        try {
            CsvReader.Result header = csv.next();
            if (!(header instanceof CsvReader.Row headerRow)) {
                throw new FileProblem(header == null ? "the file has no rows" : "the header (line 1) cannot be read: "
                        + ((CsvReader.Malformed) header).reason());
            }
            PermitRowParser parser = PermitRowParser.forHeader(headerRow.fields(), options.profile(), candidates,
                    classifier, LocalDate.now(clock));
            // Two cores at once: a thread parses and classifies the next batch while this one stages and merges
            // the last, all in the import's one transaction.
            BlockingQueue<Batch> batches = new ArrayBlockingQueue<>(2);
            Thread producer = Thread.ofPlatform().name("permit-parse-" + importId).daemon().start(
                    () -> produce(csv, parser, batches));
            try {
                return consume(tenant, importId, connection, parser.profile().name(), batches, progress, started);
            } finally {
                producer.interrupt();
                try {
                    producer.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            csv.close();
        }
    }

    /**
     * Rows of one batch in binary COPY form, encoded by the parsing thread so the staging COPY only sends bytes; the
     * last batch says so, a failed parse carries its exception.
     */
    private record Batch(BinaryRows rows, long count, long read, boolean last, @Nullable Throwable failure) {
    }

    private static final int STAGE_FIELDS = 24;

    private static void stage(BinaryRows b, PermitRowParser.Parsed p, UUID id) throws java.sql.SQLException {
        b.row(STAGE_FIELDS).int8(p.line()).nul().nul().uuid(id).text(p.number()).text(p.type()).text(p.subtype())
                .text(p.description()).text(p.address()).text(p.addressKey()).text(p.unit()).text(p.city())
                .text(p.state()).text(p.postalCode()).float8(p.latitude()).float8(p.longitude()).int8(p.h3r9());
        b.date(p.filed()).date(p.issued()).text(p.valuation() == null ? null : p.valuation().toPlainString())
                .text(p.contractor()).text(p.parcel()).text(p.verdict().category().name()).text(p.verdict().reason());
    }

    private static void stage(BinaryRows b, PermitRowParser.Rejected x) throws java.sql.SQLException {
        b.row(STAGE_FIELDS).int8(x.line()).text(x.column()).text(x.reason());
        for (int i = 3; i < STAGE_FIELDS; i++) {
            b.nul();
        }
    }

    private void produce(CsvReader csv, PermitRowParser parser, BlockingQueue<Batch> batches) {
        long read = 0;
        try {
            FirstLines seen = new FirstLines();
            BinaryRows b = new BinaryRows(BATCH * 200);
            long inBatch = 0;
            for (CsvReader.Result r = csv.next(); r != null; r = csv.next()) {
                PermitRowParser.Outcome outcome = parser.parse(r);
                if (outcome instanceof PermitRowParser.Parsed p) {
                    long first = seen.firstSeen(p.number() + '\u0000' + p.type(), p.line());
                    if (first != 0) {
                        outcome = new PermitRowParser.Rejected(p.line(), null, "duplicate of line " + first);
                    }
                }
                switch (outcome) {
                    case PermitRowParser.Parsed p -> stage(b, p, ids.next());
                    case PermitRowParser.Rejected x -> stage(b, x);
                }
                read++;
                if (++inBatch == BATCH) {
                    batches.put(new Batch(b, inBatch, read, false, null));
                    b = new BinaryRows(BATCH * 200);
                    inBatch = 0;
                }
            }
            batches.put(new Batch(b, inBatch, read, true, null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            batches.offer(new Batch(new BinaryRows(0), 0, read, true, t));
        }
    }

    private ImportCounts consume(TenantId tenant, UUID importId, Connection connection, String source,
            BlockingQueue<Batch> batches, LongConsumer progress, long started) throws IOException {
        long read = 0;
        long rejected = 0;
        long stored = 0;
        long updated = 0;
        long roofing = 0;
        long mergeNanos = 0;
        long waitNanos = 0;
        long copyNanos = 0;
        while (true) {
            Batch batch;
            try {
                long w0 = System.nanoTime();
                batch = batches.take();
                waitNanos += System.nanoTime() - w0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while importing", e);
            }
            switch (batch.failure()) {
                case null -> { }
                case IOException e -> throw e;
                case UncheckedIOException e -> throw e.getCause();
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                default -> throw new IllegalStateException(batch.failure());
            }
            if (batch.count() > 0) {
                long c0 = System.nanoTime();
                try (BinaryCopyWriter copy = new BinaryCopyWriter(connection, "stage_permit", STAGE_COLUMNS)) {
                    copy.write(batch.rows());
                    copy.finish();
                } catch (SQLException e) {
                    throw new IllegalStateException("COPY into the staging table failed: " + e.getMessage(), e);
                }
                long t0 = System.nanoTime();
                copyNanos += t0 - c0;
                rejected += recordProblems("stage_permit", tenant, importId);
                long[] merged = merge(tenant, importId, source);
                stored += merged[0];
                updated += merged[1];
                roofing += merged[2];
                jdbc.sql("truncate stage_permit").update();
                mergeNanos += System.nanoTime() - t0;
            }
            read = batch.read();
            progress(tenant, importId, read, progress);
            if (batch.last()) {
                break;
            }
        }
        progress.accept(read);
        ImportCounts counts = finish(tenant, importId, ImportCounts.of(read, rejected, stored, updated));
        if (stored + updated > 0) {
            events.publishEvent(new PermitsImported(tenant, importId, stored + updated, roofing));
        }
        log.info("Permit import {}: {} rows in {} ms, of which {} ms merging, {} ms staging and {} ms waiting for the "
                + "parsing thread", importId, read, (System.nanoTime() - started) / 1_000_000, mergeNanos / 1_000_000,
                copyNanos / 1_000_000, waitNanos / 1_000_000);
        return counts;
    }

    /** Merges the staged batch; answers new, changed and roofing rows. */
    private long[] merge(TenantId tenant, UUID importId, String source) {
        long[] merged = jdbc.sql("""
                with merged as (
                  insert into signals.permit (tenant_id, id, source, permit_number, permit_type, subtype, description,
                    address, address_key, unit, city, state, postal_code, latitude, longitude, h3_r9, filed_on,
                    issued_on, valuation, contractor, parcel, category, category_reason, import_id, created_at,
                    updated_at)
                  select :t, id, :source, permit_number, permit_type, subtype, description, address,
                    address_key, unit, city, state, postal_code, latitude, longitude, h3_r9, filed_on, issued_on,
                    cast(valuation as numeric), contractor, parcel, category, category_reason, :id, :now, :now
                  from stage_permit where err_reason is null
                  on conflict (tenant_id, source, permit_number, permit_type) do update set
                    subtype = excluded.subtype, description = excluded.description, address = excluded.address,
                    address_key = excluded.address_key, unit = excluded.unit, city = excluded.city,
                    state = excluded.state, postal_code = excluded.postal_code, latitude = excluded.latitude,
                    longitude = excluded.longitude, h3_r9 = excluded.h3_r9, filed_on = excluded.filed_on,
                    issued_on = excluded.issued_on, valuation = excluded.valuation, contractor = excluded.contractor,
                    parcel = excluded.parcel, category = excluded.category, category_reason = excluded.category_reason,
                    import_id = excluded.import_id, updated_at = excluded.updated_at
                  where (permit.subtype, permit.description, permit.address, permit.unit, permit.city, permit.state,
                         permit.postal_code, permit.latitude, permit.longitude, permit.filed_on, permit.issued_on,
                         permit.valuation, permit.contractor, permit.parcel, permit.category)
                    is distinct from (excluded.subtype, excluded.description, excluded.address, excluded.unit,
                         excluded.city, excluded.state, excluded.postal_code, excluded.latitude, excluded.longitude,
                         excluded.filed_on, excluded.issued_on, excluded.valuation, excluded.contractor,
                         excluded.parcel, excluded.category)
                  returning (xmax = 0) as inserted, category)
                select count(*) filter (where inserted), count(*) filter (where not inserted),
                  count(*) filter (where category <> 'NOT_ROOFING')
                from merged""")
                .param("t", tenant.value()).param("id", importId).param("source", source)
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).single();
        return merged;
    }
}

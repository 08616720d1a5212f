package dev.ridgeline.signals.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;
import dev.ridgeline.platform.io.CopyStream;
import dev.ridgeline.platform.io.TextFiles;
import dev.ridgeline.signals.ImportKind;
import dev.ridgeline.signals.ImportOptions;
import dev.ridgeline.signals.ImportSummary;

/**
 * What every file import does the same way: record the import, read the file in its detected encoding inside one
 * transaction, write progress in separate transactions, and turn anything that stops the file as a whole into a
 * FAILED record with a reason. Subclasses parse and merge.
 */
public abstract class FileImporter {

    private static final Logger log = LoggerFactory.getLogger(FileImporter.class);
    public static final int PROGRESS_EVERY = 20_000;

    protected final DataSource dataSource;
    protected final JdbcClient jdbc;
    protected final IdGenerator ids;
    protected final Clock clock;
    protected final ApplicationEventPublisher events;
    private final ImportRuns runs;
    private final TransactionTemplate tx;
    private final TransactionTemplate separateTx;
    private final ImportKind kind;

    protected FileImporter(ImportKind kind, ImportSupport support) {
        this.kind = kind;
        this.dataSource = support.dataSource();
        this.jdbc = support.jdbc();
        this.runs = support.runs();
        this.tx = new TransactionTemplate(support.transactions());
        this.separateTx = new TransactionTemplate(support.transactions());
        this.separateTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.ids = support.ids();
        this.clock = support.clock();
        this.events = support.events();
    }

    /** What this importer brings in. */
    public ImportKind kind() {
        return kind;
    }

    /** Records a new import and returns its id; {@link #run} does the work (at once, or on another thread). */
    public UUID begin(TenantId tenant, @Nullable UserId by, String fileName) {
        UUID id = ids.next();
        separateTx.executeWithoutResult(s -> runs.start(tenant, id, kind, fileName, by, clock.instant()));
        return id;
    }

    public ImportSummary run(TenantId tenant, UUID importId, Path file, String fileName, ImportOptions options,
            LongConsumer progress) {
        long t0 = System.nanoTime();
        try {
            if (!Files.exists(file) || Files.size(file) == 0) {
                throw new FileProblem("the file is empty");
            }
            TextFiles.Encoding encoding = TextFiles.detect(file);
            ImportCounts counts = tx.execute(s -> {
                try {
                    return load(tenant, importId, file, fileName, encoding, options, progress);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            log.info("Imported {} {} for tenant {}: {}", kind, importId, tenant, counts);
        } catch (FileProblem e) {
            separateTx.executeWithoutResult(s -> runs.fail(tenant, importId, e.getMessage(), clock.instant()));
        } catch (IOException | UncheckedIOException e) {
            separateTx.executeWithoutResult(s -> runs.fail(tenant, importId,
                    "the file could not be read: " + e.getMessage(), clock.instant()));
        } catch (RuntimeException e) {
            log.error("{} import {} failed", kind, importId, e);
            separateTx.executeWithoutResult(s -> runs.fail(tenant, importId,
                    "the import stopped: " + e.getClass().getSimpleName(), clock.instant()));
        }
        var record = runs.find(tenant, importId).orElseThrow();
        return new ImportSummary(importId, record.status(), record.read(), record.stored(), record.updated(),
                record.unchanged(), record.rejected(), (System.nanoTime() - t0) / 1_000_000,
                runs.problems(tenant, importId, ImportSummary.MAX_ERRORS));
    }

    /** Ends a begun import as FAILED before any file was read (the source could not be fetched), saying why. */
    public ImportSummary fail(TenantId tenant, UUID importId, String reason) {
        separateTx.executeWithoutResult(s -> runs.fail(tenant, importId, reason, clock.instant()));
        var record = runs.find(tenant, importId).orElseThrow();
        return new ImportSummary(importId, record.status(), 0, 0, 0, 0, 0, 0,
                runs.problems(tenant, importId, ImportSummary.MAX_ERRORS));
    }

    /** Reads the file into the database inside the import's transaction and returns the counts. */
    protected abstract ImportCounts load(TenantId tenant, UUID importId, Path file, String fileName,
            TextFiles.Encoding encoding, ImportOptions options, LongConsumer progress) throws IOException;

    /** Writes progress now and then, in its own transaction so the import page sees it at once. */
    protected void progress(TenantId tenant, UUID importId, long read, LongConsumer progress) {
        if (read % PROGRESS_EVERY == 0) {
            separateTx.executeWithoutResult(s -> runs.progress(tenant, importId, read));
            progress.accept(read);
        }
    }

    /** Records the problems the staging table holds (rows with a reason) and returns how many there were. */
    protected long recordProblems(String stageTable, TenantId tenant, UUID importId) {
        return jdbc.sql("insert into signals.import_error (tenant_id, import_id, line, column_name, reason) "
                        + "select :t, :id, line, err_column, err_reason from " + stageTable
                        + " where err_reason is not null on conflict do nothing")
                .param("t", tenant.value()).param("id", importId).update();
    }

    /** Marks the import done with its counts (inside the import's transaction). */
    protected ImportCounts finish(TenantId tenant, UUID importId, ImportCounts counts) {
        runs.finish(tenant, importId, counts, clock.instant());
        return counts;
    }

    /** Opens the staging COPY of the import's connection (the one its transaction holds). */
    protected CopyStream copyInto(String table, String columns) throws java.sql.SQLException {
        return new CopyStream(org.springframework.jdbc.datasource.DataSourceUtils.getConnection(dataSource), table, columns);
    }

    /** The file as a whole cannot be imported; the message says why. */
    public static final class FileProblem extends RuntimeException {
        public FileProblem(String message) {
            super(message);
        }
    }
}

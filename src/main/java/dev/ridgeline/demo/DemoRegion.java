package dev.ridgeline.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.ridgeline.identity.CompanySetUp;
import dev.ridgeline.insight.InsightService;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;
import dev.ridgeline.signals.ImportKind;
import dev.ridgeline.signals.ImportOptions;
import dev.ridgeline.signals.ImportSummary;
import dev.ridgeline.signals.SignalsService;

/**
 * Loads the demo region into a company, file by file through the same imports a customer uses, so it is
 * idempotent (loading twice changes nothing) and every file leaves an import record. See
 * {@code src/main/resources/demo/PROVENANCE.md} for where each file comes from.
 */
@Service
public class DemoRegion {

    /** One file of the demo region and what it is. */
    public record DemoFile(String resource, ImportKind kind) {
    }

    /** The files in the order they load: storms, footprints (they make the properties), permits, then people. */
    public static final List<DemoFile> FILES = List.of(
            new DemoFile("130519_rpts_hail.csv", ImportKind.STORMS),
            new DemoFile("130519_rpts_wind.csv", ImportKind.STORMS),
            new DemoFile("130519_rpts_torn.csv", ImportKind.STORMS),
            new DemoFile("130520_rpts_hail.csv", ImportKind.STORMS),
            new DemoFile("130520_rpts_wind.csv", ImportKind.STORMS),
            new DemoFile("reynoldstown_houses.geojson", ImportKind.FOOTPRINTS),
            new DemoFile("nashville_permits_2021-2024.csv", ImportKind.PERMITS),
            new DemoFile("contacts_fictitious.csv", ImportKind.CONTACTS));

    private static final Logger log = LoggerFactory.getLogger(DemoRegion.class);

    /** The demo's analysis reads its data as of the end of its permit file (see PROVENANCE.md). */
    public static final LocalDate AS_OF = LocalDate.of(2024, 9, 30);

    private final SignalsService signals;
    private final InsightService insight;

    DemoRegion(SignalsService signals, InsightService insight) {
        this.signals = signals;
        this.insight = insight;
    }

    /** Loads every demo file into the company; {@code each} hears of each file's summary as it finishes. */
    public List<ImportSummary> load(TenantId tenant, @Nullable UserId by, BiConsumer<DemoFile, ImportSummary> each) {
        List<ImportSummary> out = new ArrayList<>();
        insight.pinAsOf(tenant, AS_OF);
        for (DemoFile f : FILES) {
            Path copy = extract(f.resource());
            try {
                ImportSummary s = signals.importFile(tenant, by, f.kind(), copy, f.resource(), ImportOptions.NONE,
                        rows -> { });
                out.add(s);
                each.accept(f, s);
            } finally {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException ignored) {
                    // a temp file left behind goes with the temp folder
                }
            }
        }
        return out;
    }

    /**
     * The setup page's "load the demo region" box: loaded after the company is committed, off the request, and
     * outside any transaction of the listener's own (each file commits by itself, as an upload does).
     */
    @Async
    @TransactionalEventListener
    void on(CompanySetUp event) {
        if (event.demoData()) {
            List<ImportSummary> done = load(event.tenant(), event.owner(), (f, s) -> { });
            log.info("Demo region loaded into {}: {} files, {} rows stored", event.tenant(), done.size(),
                    done.stream().mapToLong(ImportSummary::stored).sum());
        }
    }

    private static Path extract(String resource) {
        try (InputStream in = DemoRegion.class.getClassLoader().getResourceAsStream("demo/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("demo/" + resource + " is missing from the application");
            }
            Path file = Files.createTempFile("ridgeline-demo-", "-" + resource);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.ridgeline.signals.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;

import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.json.JsonMapper;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.identity.Tenant;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.cli.CliSpring;
import dev.ridgeline.platform.cli.ConsoleProgress;
import dev.ridgeline.signals.ImportKind;
import dev.ridgeline.signals.ImportOptions;
import dev.ridgeline.signals.ImportSummary;
import dev.ridgeline.signals.RowProblem;
import dev.ridgeline.signals.SignalsService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true, description = "Import data files into a company.",
        subcommands = {ImportCommand.Storms.class, ImportCommand.Permits.class, ImportCommand.Footprints.class,
                ImportCommand.Contacts.class, ImportCommand.Claims.class, ImportCommand.ClaimRecords.class})
public class ImportCommand {

    /** What the file-import subcommands share: files, company, JSON output, exit status. */
    abstract static class FileImport implements Callable<Integer> {

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "CSV files")
        List<Path> files = new ArrayList<>();

        @Option(names = "--tenant", description = "Company name or id (needed when the install has several)")
        String tenant;

        @Option(names = "--json", description = "Print each file's summary as one JSON object on its last line")
        boolean json;

        /** Checks the options; returns an error message or null. */
        String validate() {
            return null;
        }

        abstract ImportKind kind();

        /** The options for the company; an {@link dev.ridgeline.platform.InvalidInputException} names a bad one. */
        ImportOptions options(SignalsService signals, TenantId company) {
            return ImportOptions.NONE;
        }

        @Override
        public Integer call() {
            String invalid = validate();
            if (invalid != null) {
                System.err.println(invalid);
                return 2;
            }
            for (Path f : files) {
                if (!Files.isReadable(f)) {
                    System.err.println(f + ": no such file, or it cannot be read");
                    return 1;
                }
            }
            try (ConfigurableApplicationContext ctx = CliSpring.start()) {
                TenantId company = ctx.getBean(IdentityService.class).resolveTenant(tenant).map(Tenant::id).orElse(null);
                if (company == null) {
                    System.err.println(tenant == null ? "--tenant: this install has several companies (or none); name one"
                            : "--tenant: no company named or with id '" + tenant + "'");
                    return 2;
                }
                SignalsService signals = ctx.getBean(SignalsService.class);
                ImportOptions options;
                try {
                    options = options(signals, company);
                } catch (dev.ridgeline.platform.InvalidInputException e) {
                    e.fieldErrors().forEach((field, message) -> System.err.printf("--%s: %s%n", field, message));
                    return 2;
                }
                JsonMapper mapper = JsonMapper.builder().build();
                int exit = 0;
                for (Path f : files) {
                    ImportSummary s;
                    if (json) {
                        s = signals.importFile(company, null, kind(), f, f.getFileName().toString(), options, rows -> { });
                    } else {
                        try (ConsoleProgress bar = ConsoleProgress.start("Importing " + f.getFileName(), -1, System.err)) {
                            s = signals.importFile(company, null, kind(), f, f.getFileName().toString(), options, bar::stepTo);
                        }
                    }
                    if (json) {
                        System.out.println(mapper.writeValueAsString(new Json(s.read(), s.stored(), s.updated(),
                                s.unchanged(), s.rejected(), s.millis(), s.errors().stream()
                                        .map(p -> new JsonError(p.line(), p.column(), p.reason())).toList())));
                    } else {
                        print(f, s);
                    }
                    if (!s.fileRead()) {
                        exit = 1;
                    }
                }
                return exit;
            }
        }

        private static void print(Path f, ImportSummary s) {
            if (!s.fileRead()) {
                System.out.printf("%s: not imported: %s%n", f, s.errors().isEmpty() ? "unknown reason" : s.errors().getFirst().reason());
                return;
            }
            System.out.printf("%s: read %d rows: %d stored, %d updated, %d unchanged, %d rejected (%d ms)%n", f, s.read(),
                    s.stored(), s.updated(), s.unchanged(), s.rejected(), s.millis());
            for (RowProblem p : s.errors()) {
                System.out.printf("  %s:%d%s: %s%n", f.getFileName(), p.line(),
                        p.column() == null ? "" : " (" + p.column() + ")", p.reason());
            }
            if (s.rejected() > s.errors().size()) {
                System.out.printf("  ... and %d more; see the import page%n", s.rejected() - s.errors().size());
            }
        }
    }

    @Command(name = "storms", mixinStandardHelpOptions = true,
            description = {"Import NOAA SPC storm-report CSVs (YYMMDD_rpts_hail|wind|torn.csv or the combined "
                    + "YYMMDD_rpts.csv).",
                    "Exit status: 0 when every file was read (rejected rows included), 1 when a file could not be read."})
    static class Storms extends FileImport {

        @Option(names = "--date", description = "Convective day YYYY-MM-DD, when the file name does not carry it")
        String date;

        private LocalDate day;

        @Override
        String validate() {
            try {
                day = date == null ? null : LocalDate.parse(date);
                return null;
            } catch (DateTimeParseException e) {
                return "--date: '" + date + "' is not a date (YYYY-MM-DD)";
            }
        }

        @Override
        ImportKind kind() {
            return ImportKind.STORMS;
        }

        @Override
        ImportOptions options(SignalsService signals, TenantId company) {
            return ImportOptions.date(day);
        }
    }

    @Command(name = "permits", mixinStandardHelpOptions = true,
            description = {"Import building-permit CSVs through a column-mapping profile (built in: nashville, "
                    + "san-antonio); each permit is classified re-roof, roof repair, storm repair or not roofing.",
                    "Exit status: 0 when every file was read (rejected rows included), 1 when a file could not be read."})
    static class Permits extends FileImport {

        @Option(names = "--profile", description = "Column mapping (built in, or saved by the company); by default the "
                + "one whose columns the header has")
        String profile;

        @Override
        ImportKind kind() {
            return ImportKind.PERMITS;
        }

        @Override
        ImportOptions options(SignalsService signals, TenantId company) {
            return ImportOptions.profile(profile == null ? null : signals.permitProfile(company, profile));
        }
    }

    @Command(name = "footprints", mixinStandardHelpOptions = true,
            description = {"Import building footprints from GeoJSON (OpenStreetMap or Microsoft style); each building "
                    + "is linked to a property by its address or by containment.",
                    "Exit status: 0 when every file was read (rejected features included), 1 when a file could not be read."})
    static class Footprints extends FileImport {
        @Override
        ImportKind kind() {
            return ImportKind.FOOTPRINTS;
        }
    }

    @Command(name = "contacts", mixinStandardHelpOptions = true,
            description = {"Import properties and their owners from CSV: mailing address, phones (to E.164), emails and "
                    + "per-channel consent with source and time. Columns are recognised by name; see docs/operators.md.",
                    "Exit status: 0 when every file was read (rejected rows included), 1 when a file could not be read."})
    static class Contacts extends FileImport {
        @Override
        ImportKind kind() {
            return ImportKind.CONTACTS;
        }
    }

    @Command(name = "claims", mixinStandardHelpOptions = true,
            description = {"Import area insurance-claim counts by ZIP or census tract and date (CSV).",
                    "Exit status: 0 when every file was read (rejected rows included), 1 when a file could not be read."})
    static class Claims extends FileImport {
        @Override
        ImportKind kind() {
            return ImportKind.CLAIMS;
        }
    }

    @Command(name = "claim-records", mixinStandardHelpOptions = true,
            description = {"Import leads' insurance claims (CSV, one claim a row): the lead's address (and ZIP) or id, "
                    + "carrier, policy and claim numbers, date and cause of loss, status and amounts. Columns are "
                    + "recognised by name; see docs/claims.md.",
                    "Exit status: 0 when every file was read (rejected rows included), 1 when a file could not be read."})
    static class ClaimRecords extends FileImport {
        @Option(names = "--column", description = "A column whose header is not one of the usual names: "
                + "FIELD=HEADER, e.g. --column 'claimNumber=Claim No.' (repeatable)")
        java.util.List<String> columns = new java.util.ArrayList<>();

        @Override
        ImportKind kind() {
            return ImportKind.CLAIM_RECORDS;
        }

        @Override
        ImportOptions options(SignalsService signals, TenantId company) {
            return ImportOptions.columns(columns);
        }
    }

    record Json(long read, long stored, long updated, long unchanged, long rejected, long millis, List<JsonError> errors) {
    }

    record JsonError(long line, String column, String reason) {
    }
}

package dev.ridgeline.signals.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.json.JsonMapper;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.identity.Tenant;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.cli.CliSpring;
import dev.ridgeline.platform.cli.ConsoleProgress;
import dev.ridgeline.signals.ImportSummary;
import dev.ridgeline.signals.RowProblem;
import dev.ridgeline.signals.SignalsService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true, description = "Import data files into a company.",
        subcommands = ImportCommand.Storms.class)
public class ImportCommand {

    @Command(name = "storms", mixinStandardHelpOptions = true,
            description = {"Import NOAA SPC storm-report CSVs (YYMMDD_rpts_hail|wind|torn.csv or the combined "
                    + "YYMMDD_rpts.csv).",
                    "Exit status: 0 when every file was read (rejected rows included), 1 when a file could not be read."})
    static class Storms implements Callable<Integer> {

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "SPC CSV files")
        List<Path> files = new ArrayList<>();

        @Option(names = "--date", description = "Convective day YYYY-MM-DD, when the file name does not carry it")
        String date;

        @Option(names = "--tenant", description = "Company name or id (needed when the install has several)")
        String tenant;

        @Option(names = "--json", description = "Print each file's summary as one JSON object on its last line")
        boolean json;

        @Override
        public Integer call() {
            LocalDate day;
            try {
                day = date == null ? null : LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                System.err.println("--date: '" + date + "' is not a date (YYYY-MM-DD)");
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
                JsonMapper mapper = JsonMapper.builder().build();
                int exit = 0;
                for (Path f : files) {
                    ImportSummary s;
                    if (json) {
                        s = signals.importStorms(company, null, f, f.getFileName().toString(), day, rows -> { });
                    } else {
                        try (ConsoleProgress bar = ConsoleProgress.start("Importing " + f.getFileName(), -1, System.err)) {
                            s = signals.importStorms(company, null, f, f.getFileName().toString(), day,
                                    rows -> bar.stepTo(rows));
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

        record Json(long read, long stored, long updated, long unchanged, long rejected, long millis,
                List<JsonError> errors) {
        }

        record JsonError(long line, String column, String reason) {
        }
    }
}

package dev.ridgeline.insight.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.identity.Tenant;
import dev.ridgeline.insight.AnalysisPass;
import dev.ridgeline.insight.Backtest;
import dev.ridgeline.insight.InsightService;
import dev.ridgeline.insight.ScoreCsv;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.cli.CliSpring;
import dev.ridgeline.property.PropertyService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "insight", mixinStandardHelpOptions = true, description = "Lead scores: analyse, rescore and backtest.",
        subcommands = {InsightCommand.Analyse.class, InsightCommand.Rescore.class, InsightCommand.BacktestCommand.class})
public class InsightCommand {

    @Command(name = "analyse", aliases = "analyze", mixinStandardHelpOptions = true, description = {
            "Add every permit address to the homes, then score every home (storm exposure, roof age, neighbours, "
                    + "re-roofing waves, area claims). The app does this by itself after imports and nightly."})
    static class Analyse implements Callable<Integer> {

        @Option(names = "--tenant", description = "Company name or id (needed when there are several)")
        String tenant;

        @Option(names = "--as-of", paramLabel = "DATE", description = "Read the data as of this day (default: the "
                + "company's pinned day, else today)")
        String asOf;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext ctx = CliSpring.start()) {
                Tenant company = company(ctx, tenant);
                if (company == null) {
                    return 2;
                }
                long homes = ctx.getBean(PropertyService.class).addHomesFromPermits(company.id());
                AnalysisPass pass = ctx.getBean(InsightService.class).analyse(company.id(), day(asOf, "--as-of"));
                System.out.printf("%d new homes from permit addresses; %d homes scored as of %s, %d written, "
                        + "%d re-roofing waves, %d ms%n", homes, pass.homes(), pass.asOf(), pass.written(),
                        pass.waves(), pass.millis());
                return 0;
            } catch (InvalidInputException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "rescore", mixinStandardHelpOptions = true, description = {
            "Score every analysed home again with the company's model, trained anew on its won and lost leads (or the "
                    + "prior), without analysing; the app does this by itself a minute after a lead is won or lost."})
    static class Rescore implements Callable<Integer> {

        @Option(names = "--tenant", description = "Company name or id (needed when there are several)")
        String tenant;

        @Option(names = "--export", paramLabel = "FILE", description = "Also write every home's new score and "
                + "explanation, best first, as CSV (the columns of the web export), from the same pass")
        java.nio.file.Path export;

        @Override
        public Integer call() throws java.io.IOException {
            try (ConfigurableApplicationContext ctx = CliSpring.start()) {
                Tenant company = company(ctx, tenant);
                if (company == null) {
                    return 2;
                }
                InsightService insight = ctx.getBean(InsightService.class);
                if (export == null) {
                    AnalysisPass pass = insight.rescore(company.id());
                    System.out.printf("%d homes scored again as of %s, %d written, %d hot, %d ms%n", pass.homes(),
                            pass.asOf(), pass.written(), pass.hotLeads(), pass.millis());
                    return 0;
                }
                // Written beside the target and moved over it when complete, so a failed pass leaves no half file.
                java.nio.file.Path part = export.resolveSibling(export.getFileName() + ".part");
                try (java.io.OutputStream out = new java.io.BufferedOutputStream(
                        java.nio.file.Files.newOutputStream(part), 1 << 16)) {
                    AnalysisPass pass = insight.rescore(company.id(), out);
                    out.close();
                    java.nio.file.Files.move(part, export, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    System.out.printf("%d homes scored again as of %s, %d written, %d ms; every score and its "
                            + "explanation in %s%n", pass.homes(), pass.asOf(), pass.written(), pass.millis(), export);
                    return 0;
                } catch (java.io.IOException | java.io.UncheckedIOException e) {
                    System.err.println(export + ": cannot write the export: " + e.getMessage());
                    return 1;
                } finally {
                    java.nio.file.Files.deleteIfExists(part);
                }
            }
        }
    }

    @Command(name = "backtest", mixinStandardHelpOptions = true, description = {
            "Score every home with only the data known on --as-of, then measure the scores against the roofing "
                    + "permits that followed within --horizon: ROC AUC and precision among the top k.",
            "The last line is one JSON object with asOf, horizonDays, auc, precisionAtK, k, properties, positives, "
                    + "baseRate and model. Nothing is written."})
    static class BacktestCommand implements Callable<Integer> {

        @Option(names = "--tenant", description = "Company name or id (needed when there are several)")
        String tenant;

        @Option(names = "--as-of", paramLabel = "DATE", description = "Default: the latest day whose horizon still "
                + "lies inside the loaded data")
        String asOf;

        @Option(names = "--horizon", defaultValue = "180d", paramLabel = "N[d|w|y]", description = "Default: 180d")
        String horizon;

        @Option(names = "-k", defaultValue = "100", description = "How many top-scored homes precision is read on "
                + "(default: 100)")
        int k;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext ctx = CliSpring.start()) {
                Tenant company = company(ctx, tenant);
                if (company == null) {
                    return 2;
                }
                ctx.getBean(PropertyService.class).addHomesFromPermits(company.id());
                Backtest b = ctx.getBean(InsightService.class).backtest(company.id(), day(asOf, "--as-of"),
                        days(horizon), k);
                System.out.printf("As of %s, horizon %d days, model %s: %d homes, %d with a roofing permit in the "
                        + "horizon (base rate %.4f)%n", b.asOf(), b.horizonDays(), b.model(), b.homes(), b.positives(),
                        b.baseRate());
                System.out.printf("AUC %.4f; precision at %d: %.4f (%.1f times the base rate)%n", b.auc(), b.k(),
                        b.precisionAtK(), b.baseRate() == 0 ? 0 : b.precisionAtK() / b.baseRate());
                System.out.println(JsonMapper.builder().build().writeValueAsString(new Json(b.asOf().toString(),
                        b.horizonDays(), b.auc(), b.precisionAtK(), b.k(), b.homes(), b.positives(), b.baseRate(),
                        b.model())));
                return 0;
            } catch (InvalidInputException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
    }

    record Json(String asOf, int horizonDays, double auc, double precisionAtK, int k, int properties, int positives,
            double baseRate, String model) {
    }

    static @org.jspecify.annotations.Nullable Tenant company(ConfigurableApplicationContext ctx,
            @org.jspecify.annotations.Nullable String tenant) {
        IdentityService identity = ctx.getBean(IdentityService.class);
        Tenant company = identity.resolveTenant(tenant).orElse(null);
        if (company == null) {
            System.err.println(tenant == null ? "--tenant: this install has several companies (or none); name one"
                    : "--tenant: no company named or with id '" + tenant + "'");
        }
        return company;
    }

    static @org.jspecify.annotations.Nullable LocalDate day(@org.jspecify.annotations.Nullable String text, String option) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of(option, "'" + text + "' is not a date like 2024-03-23");
        }
    }

    /** "180d", "26w", "1y" or a plain number of days. */
    static int days(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        int unit = t.endsWith("w") ? 7 : t.endsWith("y") ? 365 : 1;
        String digits = t.endsWith("d") || t.endsWith("w") || t.endsWith("y") ? t.substring(0, t.length() - 1) : t;
        try {
            return Math.multiplyExact(Integer.parseInt(digits), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw InvalidInputException.of("--horizon", "'" + text + "' is not a span like 180d, 26w or 1y");
        }
    }
}

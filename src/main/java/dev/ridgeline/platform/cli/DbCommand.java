package dev.ridgeline.platform.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.output.MigrateResult;

import picocli.CommandLine.Command;

@Command(name = "db", mixinStandardHelpOptions = true, description = "Database schema commands.",
        subcommands = {DbCommand.Migrate.class, DbCommand.Info.class})
public class DbCommand {

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Apply pending schema migrations to the configured database (the app also does this at start).")
    static class Migrate implements Callable<Integer> {

        @Override
        public Integer call() {
            PrintStream out = System.out;
            try (var ctx = CliSpring.start(Map.of("ridgeline.cli.defer-migration", "true"))) {
                Flyway configured = ctx.getBean(Flyway.class);
                MigrationInfo[] pending = configured.info().pending();
                if (pending.length == 0) {
                    out.println("Schema is up to date (version " + currentVersion(configured) + ").");
                    return 0;
                }
                try (ConsoleProgress progress = ConsoleProgress.start("Migrating", pending.length, out)) {
                    Flyway withProgress = Flyway.configure().configuration(configured.getConfiguration())
                            .callbacks(new ProgressCallback(progress)).load();
                    MigrateResult result = withProgress.migrate();
                    progress.message("done");
                    out.println();
                    out.println("Applied " + result.migrationsExecuted + " migration(s); schema is now at version "
                            + result.targetSchemaVersion + ".");
                }
                return 0;
            }
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show applied and pending migrations.")
    static class Info implements Callable<Integer> {

        @Override
        public Integer call() {
            try (var ctx = CliSpring.start(Map.of("ridgeline.cli.defer-migration", "true"))) {
                Flyway flyway = ctx.getBean(Flyway.class);
                for (MigrationInfo info : flyway.info().all()) {
                    System.out.printf("%-6s %-40s %s%n", info.getVersion(), info.getDescription(), info.getState());
                }
                return 0;
            }
        }
    }

    private static String currentVersion(Flyway flyway) {
        MigrationInfo current = flyway.info().current();
        return current == null ? "none" : current.getVersion().toString();
    }

    private record ProgressCallback(ConsoleProgress progress) implements Callback {

        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.AFTER_EACH_MIGRATE || event == Event.BEFORE_EACH_MIGRATE;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            MigrationInfo info = context.getMigrationInfo();
            if (event == Event.BEFORE_EACH_MIGRATE) {
                progress.message("V" + info.getVersion() + " " + info.getDescription());
            } else {
                progress.step();
            }
        }

        @Override
        public String getCallbackName() {
            return "progress";
        }
    }
}

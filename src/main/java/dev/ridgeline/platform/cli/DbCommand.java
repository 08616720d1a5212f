package dev.ridgeline.platform.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.output.MigrateResult;

import picocli.CommandLine.Command;

@Command(name = "db", mixinStandardHelpOptions = true, description = "Database schema commands.",
        subcommands = DbCommand.Migrate.class)
public class DbCommand {

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Apply pending schema migrations to the configured database (the app also does this at start).")
    static class Migrate implements Callable<Integer> {

        @Override
        public Integer call() {
            PrintStream out = System.out;
            AtomicReference<MigrateResult> result = new AtomicReference<>();
            AtomicReference<String> before = new AtomicReference<>("none");
            MigrationHook.set(configured -> {
                MigrationInfo current = configured.info().current();
                before.set(current == null ? "none" : current.getVersion().toString());
                int pending = configured.info().pending().length;
                if (pending == 0) {
                    MigrateResult nothing = configured.migrate();
                    result.set(nothing);
                    return nothing;
                }
                try (ConsoleProgress progress = ConsoleProgress.start("Migrating", pending, out)) {
                    MigrateResult r = Flyway.configure().configuration(configured.getConfiguration())
                            .callbacks(new ProgressCallback(progress)).load().migrate();
                    progress.message("done");
                    result.set(r);
                    return r;
                }
            });
            try (var ignored = CliSpring.start()) {
                MigrateResult r = result.get();
                if (r == null || r.migrationsExecuted == 0) {
                    out.println("Schema is up to date (version " + before.get() + ").");
                } else {
                    out.println();
                    out.println("Applied " + r.migrationsExecuted + " migration(s); schema is now at version "
                            + r.targetSchemaVersion + ".");
                }
                return 0;
            } finally {
                MigrationHook.clear();
            }
        }
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

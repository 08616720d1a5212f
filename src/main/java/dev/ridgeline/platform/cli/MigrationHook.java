package dev.ridgeline.platform.cli;

import java.util.concurrent.atomic.AtomicReference;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jspecify.annotations.Nullable;

/**
 * Lets {@code ridgeline db migrate} run the migration itself, with a progress bar, at the moment Spring Boot
 * would run it: before anything else touches the schema.
 */
public final class MigrationHook {

    /** Migrates with progress reporting and returns the result. */
    @FunctionalInterface
    public interface Migration {
        MigrateResult migrate(Flyway configured);
    }

    private static final AtomicReference<@Nullable Migration> CURRENT = new AtomicReference<>();

    private MigrationHook() {
    }

    static void set(Migration migration) {
        CURRENT.set(migration);
    }

    static void clear() {
        CURRENT.set(null);
    }

    /** The migration the CLI installed, if any. */
    public static @Nullable Migration current() {
        return CURRENT.get();
    }
}

package dev.ridgeline.platform.internal;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.ridgeline.platform.cli.MigrationHook;

/** Runs Flyway as usual, or through the CLI's progress-reporting migration when {@code db migrate} asked for it. */
@Configuration(proxyBeanMethods = false)
class CliMigrationConfiguration {

    @Bean
    FlywayMigrationStrategy migrationStrategy() {
        return flyway -> {
            MigrationHook.Migration cli = MigrationHook.current();
            if (cli == null) {
                flyway.migrate();
            } else {
                cli.migrate(flyway);
            }
        };
    }
}

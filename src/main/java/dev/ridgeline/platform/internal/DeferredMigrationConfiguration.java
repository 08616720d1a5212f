package dev.ridgeline.platform.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** For {@code ridgeline db migrate}: start without migrating, so the command can migrate with a progress bar. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("ridgeline.cli.defer-migration")
class DeferredMigrationConfiguration {

    @Bean
    FlywayMigrationStrategy deferredMigration() {
        return flyway -> {
        };
    }
}

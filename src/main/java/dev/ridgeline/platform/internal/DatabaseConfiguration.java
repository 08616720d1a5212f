package dev.ridgeline.platform.internal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.ridgeline.platform.PlatformProperties;

/**
 * The one DataSource: the PostgreSQL named by {@code RIDGELINE_DB_URL}, or else the embedded server in the data
 * folder. The pool depends on the server bean, so on shutdown the pool closes first and the server stops after.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    @Conditional(NoExternalDatabaseCondition.class)
    EmbeddedPostgresServer embeddedPostgresServer(PlatformProperties properties) {
        PlatformProperties.Db db = properties.db();
        return EmbeddedPostgresServer.startOrReuse(properties.home().resolve("postgres"), db.embeddedPort(),
                db.embeddedStartTimeout());
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(PlatformProperties properties, ObjectProvider<EmbeddedPostgresServer> embedded) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("ridgeline");
        PlatformProperties.Db db = properties.db();
        if (db.external()) {
            config.setJdbcUrl(db.url());
            config.setUsername(db.username());
            config.setPassword(db.password());
        } else {
            EmbeddedPostgresServer server = embedded.getObject();
            config.setJdbcUrl(server.jdbcUrl());
            config.setUsername(server.username());
        }
        config.setMaximumPoolSize(20);
        config.setMinimumIdle(2);
        return new HikariDataSource(config);
    }
}

package dev.ridgeline.signals.imports;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import dev.ridgeline.platform.IdGenerator;

/** What every {@link FileImporter} needs from the application, in one bean so importers stay short to declare. */
@Component
public record ImportSupport(DataSource dataSource, JdbcClient jdbc, ImportRuns runs,
        PlatformTransactionManager transactions, ApplicationEventPublisher events, IdGenerator ids, Clock clock) {
}

package dev.ridgeline.signals.internal;

import java.time.Duration;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import dev.ridgeline.platform.TenantId;

/** Every Socrata source of every company is synced once a day, on one node at a time (db-scheduler). */
@Configuration(proxyBeanMethods = false)
class SignalsJobs {

    private static final Logger log = LoggerFactory.getLogger(SignalsJobs.class);

    @Bean
    RecurringTask<Void> socrataDailySync(SocrataSources sources, SocrataSync sync) {
        return Tasks.recurring("signals-socrata-sync", FixedDelay.of(Duration.ofHours(24)))
                .execute((instance, ctx) -> {
                    for (Object[] s : sources.all()) {
                        try {
                            var summary = sync.sync((TenantId) s[0], (UUID) s[1], null);
                            log.info("Socrata source {} synced: {} read, {} stored", s[1], summary.read(), summary.stored());
                        } catch (RuntimeException e) {
                            log.error("Socrata source {} failed to sync", s[1], e);
                        }
                    }
                });
    }
}

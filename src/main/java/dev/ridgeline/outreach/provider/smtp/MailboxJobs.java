package dev.ridgeline.outreach.provider.smtp;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/** Reads every company's bounce mailbox every two minutes (one node at a time, as db-scheduler runs it). */
@Configuration(proxyBeanMethods = false)
class MailboxJobs {

    private static final Logger log = LoggerFactory.getLogger(MailboxJobs.class);

    @Bean
    RecurringTask<Void> bounceMailboxes(ImapMailboxReader reader) {
        return Tasks.recurring("email-bounce-mailboxes", FixedDelay.of(Duration.ofMinutes(2)))
                .execute((instance, ctx) -> {
                    for (var tenant : reader.tenantsToPoll()) {
                        try {
                            reader.poll(tenant);
                        } catch (Exception e) {
                            // One company's unreachable mailbox must not stop the others.
                            log.warn("Reading the bounce mailbox of {} failed: {}", tenant, e.getMessage());
                        }
                    }
                });
    }
}

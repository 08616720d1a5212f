package dev.ridgeline.identity.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/** Housekeeping: drop sign-in challenges long past expiry (kept a week for the audit trail of failures). */
@Configuration(proxyBeanMethods = false)
class IdentityJobs {

    private static final Logger log = LoggerFactory.getLogger(IdentityJobs.class);

    @Bean
    RecurringTask<Void> expiredChallengeCleanup(LoginChallenges challenges) {
        return Tasks.recurring("identity-expired-challenges", FixedDelay.of(Duration.ofHours(1)))
                .execute((instance, ctx) -> {
                    int deleted = challenges.deleteExpired();
                    if (deleted > 0) {
                        log.info("Deleted {} expired sign-in challenges", deleted);
                    }
                });
    }
}

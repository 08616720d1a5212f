package dev.ridgeline.outreach.provider.sandbox;

import java.time.Clock;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import dev.ridgeline.outreach.FailureClass;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.OutreachProperties;
import dev.ridgeline.outreach.OutreachService;

/**
 * Plays the sandbox's status callbacks as durable jobs (db-scheduler), so they survive restarts and reach the
 * Outbox through the same {@link OutreachService#recordStatus} path a vendor webhook takes. Where no scheduler
 * runs (a CLI command), the callbacks are applied at once.
 */
@Component
class SandboxTimeline {

    static final String TASK = "outreach-sandbox-callback";

    /** Job data: one callback to deliver. Plain fields so the scheduler's JSON serializer can store it. */
    public record Callback(String vendorId, String status, @Nullable String failureClass, @Nullable String code,
            @Nullable String detail, @Nullable Integer durationSeconds) implements java.io.Serializable {
    }

    private final ObjectProvider<SchedulerClient> scheduler;
    private final OneTimeTask<Callback> task;
    private final OutreachService outreach;
    private final OutreachProperties properties;
    private final Clock clock;

    SandboxTimeline(ObjectProvider<SchedulerClient> scheduler, OneTimeTask<Callback> sandboxCallbackTask,
            OutreachService outreach, OutreachProperties properties, Clock clock) {
        this.scheduler = scheduler;
        this.task = sandboxCallbackTask;
        this.outreach = outreach;
        this.properties = properties;
        this.clock = clock;
    }

    void play(String vendorId, List<SandboxRules.Step> steps) {
        SchedulerClient client = scheduler.getIfAvailable();
        for (SandboxRules.Step step : steps) {
            Callback cb = new Callback(vendorId, step.status().name(),
                    step.failureClass() == null ? null : step.failureClass().name(), step.code(), step.detail(),
                    step.durationSeconds());
            if (client == null) {
                deliver(cb);
            } else {
                client.scheduleIfNotExists(task.instance(vendorId + "-" + step.status(), cb),
                        clock.instant().plus(SandboxRules.delay(properties.sandboxStepDelay(), step.afterSteps())));
            }
        }
    }

    void deliver(Callback cb) {
        outreach.recordStatus("sandbox", cb.vendorId(), MessageStatus.valueOf(cb.status()),
                cb.failureClass() == null ? null : FailureClass.valueOf(cb.failureClass()), cb.code(), cb.detail());
        if (cb.durationSeconds() != null) {
            outreach.recordCallDuration("sandbox", cb.vendorId(), cb.durationSeconds());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Jobs {

        @Bean
        OneTimeTask<Callback> sandboxCallbackTask(ObjectProvider<SandboxTimeline> timeline) {
            return Tasks.oneTime(TASK, Callback.class)
                    .execute((instance, ctx) -> timeline.getObject().deliver(instance.getData()));
        }
    }
}

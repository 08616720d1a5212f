package dev.ridgeline.outreach.provider.sandbox;

import java.time.Clock;
import java.util.ArrayList;
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

    /**
     * Job data: one callback to deliver, and the ones after it with their delays. Each is scheduled only when
     * the one before has run, so callbacks arrive in order, as a vendor's usually do.
     */
    public record Callback(String vendorId, String status, @Nullable String failureClass, @Nullable String code,
            @Nullable String detail, @Nullable Integer durationSeconds, long delayMillis, List<Callback> next)
            implements java.io.Serializable {
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
        List<Callback> chain = new ArrayList<>();
        for (int i = steps.size() - 1; i >= 0; i--) {
            SandboxRules.Step step = steps.get(i);
            int previous = i == 0 ? 0 : steps.get(i - 1).afterSteps();
            long delay = properties.sandboxStepDelay().multipliedBy(step.afterSteps() - previous).toMillis();
            Callback cb = new Callback(vendorId, step.status().name(),
                    step.failureClass() == null ? null : step.failureClass().name(), step.code(), step.detail(),
                    step.durationSeconds(), delay, chain.isEmpty() ? List.of() : List.of(chain.getFirst()));
            chain.addFirst(cb);
        }
        if (!chain.isEmpty()) {
            schedule(chain.getFirst());
        }
    }

    private void schedule(Callback cb) {
        SchedulerClient client = scheduler.getIfAvailable();
        if (client == null) {
            deliver(cb);
            return;
        }
        client.scheduleIfNotExists(task.instance(cb.vendorId() + "-" + cb.status(), cb),
                clock.instant().plusMillis(cb.delayMillis()));
    }

    void deliver(Callback cb) {
        // The call length first: whoever sees the call completed also sees how long it was.
        if (cb.durationSeconds() != null) {
            outreach.recordCallDuration("sandbox", cb.vendorId(), cb.durationSeconds());
        }
        outreach.recordStatus("sandbox", cb.vendorId(), MessageStatus.valueOf(cb.status()),
                cb.failureClass() == null ? null : FailureClass.valueOf(cb.failureClass()), cb.code(), cb.detail());
        cb.next().forEach(this::schedule);
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

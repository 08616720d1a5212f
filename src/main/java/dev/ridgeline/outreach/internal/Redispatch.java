package dev.ridgeline.outreach.internal;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import dev.ridgeline.platform.TenantId;

/** Dispatches a held message again later (the next day's allowance), as a durable job. */
@Component
public class Redispatch {

    static final String TASK = "outreach-redispatch";

    /** Job data. */
    public record Again(UUID tenant, UUID message) implements Serializable {
    }

    private final ObjectProvider<SchedulerClient> scheduler;
    private final OneTimeTask<Again> task;

    Redispatch(ObjectProvider<SchedulerClient> scheduler, OneTimeTask<Again> outreachRedispatchTask) {
        this.scheduler = scheduler;
        this.task = outreachRedispatchTask;
    }

    public void later(TenantId tenant, UUID message, Instant at) {
        SchedulerClient client = scheduler.getIfAvailable();
        if (client != null) {
            client.scheduleIfNotExists(task.instance(message.toString(), new Again(tenant.value(), message)), at);
        }
    }

    /** Every held marketing email of a company, again now (a mailbox was resumed). */
    public void now(TenantId tenant, java.util.List<UUID> messages, Instant at) {
        messages.forEach(m -> later(tenant, m, at));
    }

    @Configuration(proxyBeanMethods = false)
    static class Jobs {

        /** Every minute, on one node: what nodes that stopped left in flight (see MessageDispatcher). */
        @Bean
        com.github.kagkarlsson.scheduler.task.helper.RecurringTask<Void> outreachRecoverTask(
                ObjectProvider<MessageDispatcher> dispatcher) {
            return Tasks.recurring("outreach-recover", com.github.kagkarlsson.scheduler.task.schedule.FixedDelay.of(
                    java.time.Duration.ofMinutes(1))).execute((instance, ctx) -> dispatcher.getObject().recoverStranded());
        }

        @Bean
        OneTimeTask<Again> outreachRedispatchTask(ObjectProvider<MessageDispatcher> dispatcher) {
            return Tasks.oneTime(TASK, Again.class).execute((instance, ctx) -> dispatcher.getObject()
                    .dispatch(new TenantId(instance.getData().tenant()), instance.getData().message()));
        }
    }
}

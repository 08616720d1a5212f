package dev.ridgeline.roof.internal;

import java.io.Serializable;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import dev.ridgeline.platform.TenantId;
import dev.ridgeline.roof.RoofService;

/**
 * A storm's batch of roof analyses runs as a db-scheduler task: on one node at a time, and picked up again by another
 * (from the first roof not yet done) when the node running it dies.
 */
@Configuration(proxyBeanMethods = false)
public class RoofJobs {

    public static final String STORM_BATCH = "roof-storm-batch";

    /** The task's data: which company's which batch. */
    public record BatchRef(UUID tenant, UUID batch) implements Serializable {
    }

    @Bean
    OneTimeTask<BatchRef> roofStormBatchTask(ObjectProvider<RoofService> roofs) {
        return Tasks.oneTime(STORM_BATCH, BatchRef.class).execute((instance, ctx) ->
                roofs.getObject().runBatch(new TenantId(instance.getData().tenant()), instance.getData().batch()));
    }
}

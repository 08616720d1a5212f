package dev.ridgeline.sequences.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.ridgeline.platform.PollingWorker;

/**
 * Keeps the engine going on this node: it runs due steps in batches while there are any and looks again a moment
 * after it finds none. Every node runs one; they share the work through the database.
 */
@Component
class SequenceRunner extends PollingWorker {

    static final int BATCH = 400;

    private final SequenceEngine engine;
    private final boolean run;

    SequenceRunner(SequenceEngine engine, @Value("${ridgeline.sequences.idle-millis:250}") long idleMillis,
            @Value("${ridgeline.sequences.run:true}") boolean run) {
        super("sequence-runner", idleMillis, 2_000);
        this.engine = engine;
        this.run = run;
    }

    /** False on a node that only serves pages and the API (and in tools that load data): it runs no steps. */
    @Override
    public boolean isAutoStartup() {
        return run;
    }

    @Override
    protected boolean poll() {
        return engine.runDue(BATCH) > 0;
    }
}

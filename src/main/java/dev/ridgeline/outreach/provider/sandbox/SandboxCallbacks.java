package dev.ridgeline.outreach.provider.sandbox;

import org.springframework.stereotype.Component;

import dev.ridgeline.platform.PollingWorker;

/**
 * Sends the sandbox's due status callbacks on this node: in batches while there are any, then a look again a moment
 * later. Every node runs one; they share the rows through the database. Nothing runs where callbacks are applied at
 * once (a CLI command).
 */
@Component
class SandboxCallbacks extends PollingWorker {

    static final int BATCH = 500;

    private final SandboxTimeline timeline;

    SandboxCallbacks(SandboxTimeline timeline) {
        super("sandbox-callbacks", 200, 1_000);
        this.timeline = timeline;
    }

    @Override
    protected boolean wanted() {
        return timeline.timed();
    }

    @Override
    protected boolean poll() {
        return timeline.applyDue(BATCH) == BATCH;
    }
}

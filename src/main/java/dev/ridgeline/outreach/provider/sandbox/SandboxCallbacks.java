package dev.ridgeline.outreach.provider.sandbox;

import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sends the sandbox's due status callbacks on this node: in batches while there are any, then a look again a moment
 * later. Every node runs one; they share the rows through the database. Nothing runs where callbacks are applied at
 * once (a CLI command).
 */
@Component
class SandboxCallbacks implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SandboxCallbacks.class);
    static final int BATCH = 500;
    static final long IDLE_MILLIS = 200;

    private final SandboxTimeline timeline;
    private volatile boolean running;
    private boolean ready;
    private @Nullable Thread thread;

    SandboxCallbacks(SandboxTimeline timeline) {
        this.timeline = timeline;
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void ready() {
        ready = true;
        startThread();
    }

    @Override
    public synchronized void start() {
        running = true;
        startThread();
    }

    private void startThread() {
        if (running && ready && thread == null && timeline.timed()) {
            thread = Thread.ofPlatform().name("sandbox-callbacks").daemon().start(this::loop);
        }
    }

    private void loop() {
        while (running) {
            try {
                if (timeline.applyDue(BATCH) < BATCH) {
                    TimeUnit.MILLISECONDS.sleep(IDLE_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Sending the sandbox's callbacks failed; trying again shortly: {}", e.toString());
                try {
                    TimeUnit.SECONDS.sleep(1);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void stop() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** With the sequence runner: after the database on the way up, before it on the way down. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}

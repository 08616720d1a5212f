package dev.ridgeline.sequences.internal;

import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the engine going on this node: it runs due steps in batches while there are any and looks again a moment
 * after it finds none. Every node runs one; they share the work through the database.
 */
@Component
class SequenceRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SequenceRunner.class);
    static final int BATCH = 400;

    private final SequenceEngine engine;
    private final long idleMillis;
    private final boolean run;
    private volatile boolean running;
    private boolean ready;
    private @org.jspecify.annotations.Nullable Thread thread;

    SequenceRunner(SequenceEngine engine, @Value("${ridgeline.sequences.idle-millis:250}") long idleMillis,
            @Value("${ridgeline.sequences.run:true}") boolean run) {
        this.engine = engine;
        this.idleMillis = idleMillis;
        this.run = run;
    }

    /** False on a node that only serves pages and the API (and in tools that load data): it runs no steps. */
    @Override
    public boolean isAutoStartup() {
        return run;
    }

    /**
     * Started with the context (and again when a paused context is restarted), but the thread only runs once the app
     * is ready: a node whose start-up checks fail (no master key, say) sends nothing.
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    synchronized void ready() {
        ready = true;
        if (running && thread == null) {
            thread = Thread.ofPlatform().name("sequence-runner").daemon().start(this::loop);
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        if (ready && thread == null) {
            thread = Thread.ofPlatform().name("sequence-runner").daemon().start(this::loop);
        }
    }

    private void loop() {
        while (running) {
            try {
                if (engine.runDue(BATCH) == 0) {
                    TimeUnit.MILLISECONDS.sleep(idleMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Running sequence steps failed; trying again shortly: {}", e.toString());
                try {
                    TimeUnit.SECONDS.sleep(2);
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

    /** Late to start, early to stop: after the database and the channels, before them on the way down. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}

package dev.ridgeline.platform;

import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;

/**
 * A thread of its own that works through what the database holds for it: it calls {@link #poll} again at once while
 * there is more, waits a moment when there is not, and a little longer after a failure. Every node runs one; the
 * rows are shared through the database (row locks, skip locked). It starts with the context, but its thread only once
 * the app is ready, so a node whose start-up checks fail does no work; it stops early on the way down, late on the
 * way up (after the database and the channels).
 */
public abstract class PollingWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PollingWorker.class);

    private final String name;
    private final long idleMillis;
    private final long failureMillis;
    private volatile boolean running;
    private boolean ready;
    private @Nullable Thread thread;

    protected PollingWorker(String name, long idleMillis, long failureMillis) {
        this.name = name;
        this.idleMillis = idleMillis;
        this.failureMillis = failureMillis;
    }

    /** Does one round of work; true when there may be more to do at once. */
    protected abstract boolean poll() throws InterruptedException;

    /** Whether this node should run the worker at all (checked when it would start). */
    protected boolean wanted() {
        return true;
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void ready() {
        ready = true;
        startThread();
    }

    @Override
    public synchronized void start() {
        running = true;
        startThread();
    }

    private void startThread() {
        if (running && ready && thread == null && wanted()) {
            thread = Thread.ofPlatform().name(name).daemon().start(this::loop);
        }
    }

    private void loop() {
        while (running) {
            try {
                if (!poll()) {
                    TimeUnit.MILLISECONDS.sleep(idleMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("{} failed; trying again shortly: {}", name, e.toString());
                try {
                    TimeUnit.MILLISECONDS.sleep(failureMillis);
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

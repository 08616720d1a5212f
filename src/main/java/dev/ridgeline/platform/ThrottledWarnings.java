package dev.ridgeline.platform;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * A warning that a stranger can cause (a forged webhook, a bad signature) logged at most once a minute per key, with
 * how many were held back since: a flood of forged requests must not become a flood of log lines, yet the operator
 * still learns that it happens and how often.
 */
public final class ThrottledWarnings {

    private static final long WINDOW_NANOS = 60_000_000_000L;

    private record Window(long startedAt, AtomicLong held) {
    }

    private final Logger log;
    private final ConcurrentMap<Object, Window> windows = new ConcurrentHashMap<>();

    public ThrottledWarnings(Logger log) {
        this.log = log;
    }

    /**
     * Logs {@code message} (an SLF4J pattern) unless the same key was logged less than a minute ago; the line says
     * how many like it were held back in between.
     */
    public void warn(Object key, String message, Object... args) {
        long now = System.nanoTime();
        long[] heldBack = {-1};
        windows.compute(key, (k, w) -> {
            if (w != null && now - w.startedAt() < WINDOW_NANOS) {
                w.held().incrementAndGet();
                return w;
            }
            heldBack[0] = w == null ? 0 : w.held().get();
            return new Window(now, new AtomicLong());
        });
        if (heldBack[0] < 0) {
            return;
        }
        if (windows.size() > 10_000) {
            windows.clear();
        }
        if (heldBack[0] > 0) {
            log.warn(message + " ({} more like it since the last such line were not logged)", append(args, heldBack[0]));
        } else {
            log.warn(message, args);
        }
    }

    private static Object[] append(Object[] args, Object last) {
        Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = last;
        return all;
    }
}

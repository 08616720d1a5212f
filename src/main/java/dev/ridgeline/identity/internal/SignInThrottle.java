package dev.ridgeline.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

/**
 * Sign-in rate limits (Bucket4j token buckets on the injected clock):
 * <ul>
 *   <li>per IP address, every sign-in request;</li>
 *   <li>per account name, failed attempts: when used up the account is locked for the window, whether or not it
 *       exists, so a lockout says nothing about which accounts exist;</li>
 *   <li>per account name, links and codes sent, so nobody can flood someone's inbox or phone.</li>
 * </ul>
 * The buckets live in this node's memory: behind a load balancer each node counts on its own.
 */
@Component
public class SignInThrottle {

    private static final int MAX_BUCKETS = 50_000;

    private final IdentityProperties properties;
    private final TimeMeter time;
    private final Map<String, Bucket> ipBuckets = new ConcurrentHashMap<>();
    private final Map<String, Bucket> failureBuckets = new ConcurrentHashMap<>();
    private final Map<String, Bucket> sendBuckets = new ConcurrentHashMap<>();

    SignInThrottle(IdentityProperties properties, Clock clock) {
        this.properties = properties;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** Counts one request from {@code ip}; false when the address is over its limit. */
    public boolean allowRequest(String ip) {
        return bucket(ipBuckets, ip, () -> build(properties.ipAttempts(), properties.ipWindow())).tryConsume(1);
    }

    public boolean locked(String account) {
        Bucket b = failureBuckets.get(key(account));
        return b != null && b.getAvailableTokens() <= 0;
    }

    /** Counts a failed attempt; true if this one locked the account. */
    public boolean recordFailure(String account) {
        Bucket b = bucket(failureBuckets, key(account),
                () -> build(properties.accountFailures(), properties.accountLockout()));
        b.tryConsume(1);
        return b.getAvailableTokens() <= 0;
    }

    public void recordSuccess(String account) {
        failureBuckets.remove(key(account));
    }

    /** Counts a link or code sent to the account; false when the hourly limit is reached. */
    public boolean allowSend(String account) {
        return bucket(sendBuckets, key(account), () -> build(properties.sendsPerAccountPerHour(), Duration.ofHours(1)))
                .tryConsume(1);
    }

    private Bucket build(int capacity, Duration window) {
        return Bucket.builder().addLimit(l -> l.capacity(capacity).refillIntervally(capacity, window))
                .withCustomTimePrecision(time).build();
    }

    private static Bucket bucket(Map<String, Bucket> buckets, String key, Supplier<Bucket> factory) {
        if (buckets.size() > MAX_BUCKETS) {
            buckets.clear(); // a flood of distinct keys: start over rather than grow without bound
        }
        return buckets.computeIfAbsent(key, k -> factory.get());
    }

    private static String key(String account) {
        return account == null ? "" : account.trim().toLowerCase(Locale.ROOT);
    }
}

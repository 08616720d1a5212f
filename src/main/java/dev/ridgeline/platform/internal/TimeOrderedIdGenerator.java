package dev.ridgeline.platform.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

import dev.ridgeline.platform.IdGenerator;

/**
 * RFC 9562 version 7 UUIDs: 48 bits of Unix milliseconds, then random bits. Ids sort by creation time, which keeps
 * B-tree inserts local and makes "newest first" a primary-key scan.
 */
public final class TimeOrderedIdGenerator implements IdGenerator {

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TimeOrderedIdGenerator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public UUID next() {
        long millis = clock.millis();
        long randA = random.nextInt(1 << 12);
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}

package dev.ridgeline.sequences;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A sequence and its steps, in order.
 *
 * @param weeklyCap at most this many touches of one lead in any 7 days, across every sequence
 */
public record Sequence(UUID id, String name, Status status, int weeklyCap, List<SequenceStep> steps,
        Instant createdAt) {

    public enum Status {
        ACTIVE, PAUSED, ARCHIVED
    }
}

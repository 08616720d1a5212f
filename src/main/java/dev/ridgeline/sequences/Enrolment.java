package dev.ridgeline.sequences;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A lead in a sequence.
 *
 * @param nextPosition the step that comes next (the sequence's length once completed)
 * @param nextAt when that step is due, while active
 * @param enrolledHow by hand, in bulk, or which trigger
 */
public record Enrolment(UUID id, UUID sequenceId, UUID leadId, String leadLabel, Status status,
        @Nullable String stopReason, int nextPosition, @Nullable Instant nextAt, String enrolledHow,
        Instant enrolledAt) {

    public enum Status {
        ACTIVE, COMPLETED, STOPPED
    }
}

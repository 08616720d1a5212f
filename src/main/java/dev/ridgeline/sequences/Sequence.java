package dev.ridgeline.sequences;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.leads.LeadStage;

/**
 * A sequence and its steps, in order.
 *
 * @param weeklyCap at most this many touches of one lead in any 7 days, across every sequence
 */
public record Sequence(UUID id, String name, Status status, int weeklyCap, List<SequenceStep> steps, Rules rules,
        Instant createdAt) {

    public enum Status {
        ACTIVE, PAUSED, ARCHIVED
    }

    /**
     * Who may be enrolled, and when an enrolment has done its work.
     *
     * @param stopStage reaching this stage (or a later one) ends the enrolment, and a lead already there is not
     *     enrolled; won and lost always end it, and so does a reply
     * @param reenrolAfterDays null: a lead is enrolled once only; otherwise again this many days after its last
     *     enrolment here ended
     * @param skipIfInOther leave out a lead that is working through another sequence
     * @param skipIfTouchedDays leave out a lead any sequence touched in this many days; null: no such rule
     */
    public record Rules(LeadStage stopStage, @Nullable Integer reenrolAfterDays, boolean skipIfInOther,
            @Nullable Integer skipIfTouchedDays) {

        public static final Rules DEFAULT = new Rules(LeadStage.INSPECTION_BOOKED, null, true, null);
    }
}

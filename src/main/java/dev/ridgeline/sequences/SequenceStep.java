package dev.ridgeline.sequences;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One step of a sequence.
 *
 * @param delayAmount how long after the previous step (after enrolment for the first)
 * @param templateId the email template, for an email step
 * @param body the text of a text message, the script of a call, or the note of a task; merge fields such as
 *     {@code {{owner.firstName | "there"}}} are filled from the lead
 * @param taskKind what the rep is to do, for a task step
 */
public record SequenceStep(int position, StepKind kind, int delayAmount, DelayUnit delayUnit, StepCondition condition,
        @Nullable UUID templateId, @Nullable String body, @Nullable TaskKind taskKind) {

    /** "Text, 2 business days later". */
    public String summary() {
        String when = delayAmount == 0 ? (position == 0 ? "at once" : "right after the previous step")
                : delayUnit.describe(delayAmount) + (position == 0 ? " after enrolment" : " later");
        String what = kind == StepKind.TASK && taskKind != null ? taskKind.label() : kind.label();
        return what + ", " + when + (condition == StepCondition.ALWAYS ? "" : ", " + condition.label());
    }
}

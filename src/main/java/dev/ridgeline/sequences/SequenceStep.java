package dev.ridgeline.sequences;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One step of a sequence.
 *
 * @param delayAmount how long after the previous step (after enrolment for the first)
 * @param conditionValue the score (0-100) or stage the condition compares with, when it takes one
 * @param templateId the email template, for an email step
 * @param body the text of a text message, the script of a call, or the note of a task; merge fields such as
 *     {@code {{owner.firstName | "there"}}} are filled from the lead
 * @param taskKind what the rep is to do, for a task step
 * @param variantTemplateId variant B's email template, when the step is an A/B test
 * @param variantBody variant B's text, script or note, when the step is an A/B test
 * @param abGoal what the A/B test is judged on
 */
public record SequenceStep(int position, StepKind kind, int delayAmount, DelayUnit delayUnit, StepCondition condition,
        @Nullable String conditionValue, @Nullable UUID templateId, @Nullable String body, @Nullable TaskKind taskKind,
        @Nullable UUID variantTemplateId, @Nullable String variantBody, AbGoal abGoal) {

    /** A step without a variant, and with a condition that takes no value. */
    public SequenceStep(int position, StepKind kind, int delayAmount, DelayUnit delayUnit, StepCondition condition,
            @Nullable UUID templateId, @Nullable String body, @Nullable TaskKind taskKind) {
        this(position, kind, delayAmount, delayUnit, condition, null, templateId, body, taskKind, null, null,
                AbGoal.REPLY);
    }

    /** Whether half of the enrolments get another template or text. */
    public boolean hasVariant() {
        return variantTemplateId != null || (variantBody != null && !variantBody.isBlank());
    }

    /**
     * The variant an enrolment gets at this step: the same every time it is asked (a hash of the enrolment and the
     * step), half of the enrolments each, and A when the step has no variant.
     */
    public String variantFor(UUID enrolmentId) {
        if (!hasVariant()) {
            return "A";
        }
        long h = enrolmentId.getMostSignificantBits() * 31 + enrolmentId.getLeastSignificantBits() + position * 0x9E3779B97F4A7C15L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (h & 1) == 0 ? "A" : "B";
    }

    /** The template of a variant (B falls back to A's when only the text differs). */
    public @Nullable UUID template(String variant) {
        return "B".equals(variant) && variantTemplateId != null ? variantTemplateId : templateId;
    }

    /** The text, script or note of a variant. */
    public @Nullable String body(String variant) {
        return "B".equals(variant) && variantBody != null && !variantBody.isBlank() ? variantBody : body;
    }

    /** This step with variant B made its only version (the A/B test's winner promoted), or A kept alone. */
    public SequenceStep promote(String variant) {
        return new SequenceStep(position, kind, delayAmount, delayUnit, condition, conditionValue, template(variant),
                body(variant), taskKind, null, null, abGoal);
    }

    /** "Text, 2 business days later". */
    public String summary() {
        String when = delayAmount == 0 ? (position == 0 ? "at once" : "right after the previous step")
                : delayUnit.describe(delayAmount) + (position == 0 ? " after enrolment" : " later");
        String what = kind == StepKind.TASK && taskKind != null ? taskKind.label() : kind.label();
        String condition = this.condition == StepCondition.ALWAYS ? ""
                : ", " + this.condition.label() + (this.condition.needsValue() && conditionValue != null
                        ? " " + (this.condition == StepCondition.STAGE_AT_LEAST ? stageLabel(conditionValue) : conditionValue)
                        : "");
        return what + ", " + when + condition + (hasVariant() ? ", A/B test on " + abGoal.label() : "");
    }

    private static String stageLabel(String stage) {
        try {
            return dev.ridgeline.leads.LeadStage.valueOf(stage).label();
        } catch (IllegalArgumentException e) {
            return stage;
        }
    }
}

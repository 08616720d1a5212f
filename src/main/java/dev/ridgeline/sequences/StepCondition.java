package dev.ridgeline.sequences;

/**
 * When a step runs; a step whose condition fails is skipped and the sequence goes on. Two steps with opposite
 * conditions (opened and not opened, score at least and below) make an either/or branch. A reply ends the
 * enrolment, so every step after the first already means "no reply yet, after this step's delay".
 */
public enum StepCondition {
    ALWAYS("always", false),
    PREVIOUS_EMAIL_OPENED("only if the previous email was opened", false),
    PREVIOUS_EMAIL_NOT_OPENED("only if the previous email was not opened", false),
    PREVIOUS_EMAIL_CLICKED("only if a link in the previous email was clicked", false),
    PREVIOUS_NOT_DELIVERED("only if the previous email or text bounced or was not delivered", false),
    SCORE_AT_LEAST("only if the lead score is at least", true),
    SCORE_BELOW("only if the lead score is below", true),
    STAGE_AT_LEAST("only if the lead has reached the stage", true),
    CLAIM_FILED("only if an insurance claim was filed", false),
    CLAIM_NOT_FILED("only if no insurance claim was filed yet", false),
    CLAIM_APPROVED("only if the insurance claim was approved (in full or in part)", false),
    CLAIM_DENIED("only if the insurance claim was denied (or is on appeal)", false);

    private final String label;
    private final boolean needsValue;

    StepCondition(String label, boolean needsValue) {
        this.label = label;
        this.needsValue = needsValue;
    }

    public String label() {
        return label;
    }

    /** A score (0-100) or a stage goes with it. */
    public boolean needsValue() {
        return needsValue;
    }

    /** Whether it looks at what an earlier step sent (so a first step cannot have it). */
    public boolean readsPreviousStep() {
        return this == PREVIOUS_EMAIL_OPENED || this == PREVIOUS_EMAIL_NOT_OPENED || this == PREVIOUS_EMAIL_CLICKED
                || this == PREVIOUS_NOT_DELIVERED;
    }
}

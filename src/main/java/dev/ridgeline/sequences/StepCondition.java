package dev.ridgeline.sequences;

/** When a step runs; a step whose condition fails is skipped and the sequence goes on. */
public enum StepCondition {
    ALWAYS("always"),
    PREVIOUS_EMAIL_OPENED("only if the previous email was opened"),
    PREVIOUS_EMAIL_NOT_OPENED("only if the previous email was not opened"),
    PREVIOUS_EMAIL_CLICKED("only if a link in the previous email was clicked");

    private final String label;

    StepCondition(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

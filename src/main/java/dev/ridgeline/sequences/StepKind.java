package dev.ridgeline.sequences;

/** What a step does. */
public enum StepKind {
    EMAIL("Email"), SMS("Text"), CALL("Call"), TASK("Task for the rep");

    private final String label;

    StepKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

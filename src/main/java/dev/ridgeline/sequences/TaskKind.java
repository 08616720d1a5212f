package dev.ridgeline.sequences;

/** Work a sequence gives a person. */
public enum TaskKind {
    DOOR_KNOCK("Knock on the door"), PHONE_CALL("Call the homeowner"), POSTCARD("Send a postcard");

    private final String label;

    TaskKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

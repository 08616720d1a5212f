package dev.ridgeline.connections;

/**
 * The capability a connection provides. A tenant has at most one active connection per type, except email: several
 * sending mailboxes may be active at once and share the sending between them.
 */
public enum ConnectionType {
    EMAIL("Email sending"),
    SMS("Text messages"),
    VOICE("Phone calls"),
    GEOCODING("Geocoding"),
    IMAGERY("Imagery"),
    SPEECH("Speech"),
    LANGUAGE("Language model");

    private final String label;

    ConnectionType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether several connections of this type may be active together (email mailboxes, imagery sources). */
    public boolean several() {
        return this == EMAIL || this == IMAGERY;
    }
}

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

    /** What happens while nothing of this type is connected, for the Connections page. */
    public String withoutConnection() {
        return switch (this) {
            case EMAIL -> "email goes to the sandbox and shows in the Outbox only.";
            case SMS -> "texts go to the sandbox and show in the Outbox only.";
            case VOICE -> "calls are simulated and show in the Outbox only; nobody's phone rings.";
            case GEOCODING -> "addresses are found from your own footprints and the free US Census geocoder.";
            case IMAGERY -> "views come from the free sources, and from the sandbox where it is switched on.";
            case SPEECH -> "the AI assistant speaks with the voice installed on this server.";
            case LANGUAGE -> "the AI assistant understands answers with its built-in rules.";
        };
    }

    /** Whether several connections of this type may be active together (email mailboxes, imagery sources). */
    public boolean several() {
        return this == EMAIL || this == IMAGERY;
    }
}

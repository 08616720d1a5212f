package dev.ridgeline.connections;

/** The capability a connection provides; a tenant has at most one active connection per type. */
public enum ConnectionType {
    EMAIL("Email sending"),
    SMS("Text messages"),
    VOICE("Phone calls"),
    GEOCODING("Geocoding"),
    IMAGERY("Imagery"),
    SPEECH("Speech");

    private final String label;

    ConnectionType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

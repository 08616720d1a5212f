package dev.ridgeline.signals;

/** What an import brings in. */
public enum ImportKind {
    STORMS("Storm reports"),
    PERMITS("Building permits");

    private final String label;

    ImportKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

package dev.ridgeline.signals;

/** What an import brings in. */
public enum ImportKind {
    STORMS("Storm reports");

    private final String label;

    ImportKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

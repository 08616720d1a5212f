package dev.ridgeline.signals;

/** The three SPC report types. */
public enum StormKind {
    HAIL("Hail"), WIND("Wind"), TORNADO("Tornado");

    private final String label;

    StormKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

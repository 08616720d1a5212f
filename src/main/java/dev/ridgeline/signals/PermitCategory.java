package dev.ridgeline.signals;

/** What a building permit says about the roof. */
public enum PermitCategory {
    REROOF("Re-roof"), ROOF_REPAIR("Roof repair"), STORM_REPAIR("Storm repair"), NOT_ROOFING("Not roofing");

    private final String label;

    PermitCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean roofing() {
        return this != NOT_ROOFING;
    }
}

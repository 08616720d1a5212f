package dev.ridgeline.insight;

/** Where a roof's age comes from, best first. */
public enum RoofAgeSource {
    /** The last roof replacement permit at the address. */
    PERMIT("roofing permit"),
    /** A permit for building the house: its roof is as old as the house. */
    NEW_CONSTRUCTION("new construction permit"),
    /** The year the house was built: the original roof, unless it was replaced without a permit on file. */
    YEAR_BUILT("year built"),
    /** The median year built of the homes around it. */
    NEIGHBOURHOOD("neighbourhood estimate"),
    UNKNOWN("unknown");

    private final String label;

    RoofAgeSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

package dev.ridgeline.leads;

/** Where a lead is in the pipeline, from first sight to a paid roof. */
public enum LeadStage {
    NEW("New"),
    CONTACTED("Contacted"),
    /** The homeowner answered. */
    ENGAGED("Engaged"),
    INSPECTION_BOOKED("Inspection booked"),
    INSPECTED("Inspected"),
    CLAIM_FILED("Claim filed"),
    SIGNED("Signed"),
    INSTALLED("Installed"),
    PAID("Paid"),
    LOST("Lost");

    private final String label;

    LeadStage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean open() {
        return this != PAID && this != LOST;
    }

    /** Won or lost: signed, installed, paid or lost (what a company's scoring model learns from). */
    public boolean decided() {
        return !open() || this == SIGNED || this == INSTALLED;
    }
}

package dev.ridgeline.insight;

/** The things a lead score is made of, each with the most points it can give under the prior model. */
public enum FactorKind {
    HAIL("Hail", 40),
    WIND("Wind", 15),
    RADAR("Radar hail signatures", 10),
    ROOF_AGE("Roof age", 30),
    NEIGHBOURS("Neighbours re-roofing", 10),
    WAVE("Re-roofing wave", 5),
    CLAIMS("Area insurance claims", 8),
    ENGAGEMENT("Homeowner engagement", 15),
    ROOF_CONDITION("Roof condition", 20);

    private final String label;
    private final int maxPoints;

    FactorKind(String label, int maxPoints) {
        this.label = label;
        this.maxPoints = maxPoints;
    }

    public String label() {
        return label;
    }

    public int maxPoints() {
        return maxPoints;
    }
}

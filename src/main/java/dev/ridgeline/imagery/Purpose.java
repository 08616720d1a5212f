package dev.ridgeline.imagery;

/** What an image is for; the router asks only the sources that serve the purpose, in order of cost. */
public enum Purpose {
    /** Map tiles under the lead map. */
    BASE_MAP("Base map"),
    /** A vertical view of the roof, centred on its footprint. */
    ROOF_CROP("Aerial roof view"),
    /** A street-level photo facing the house. */
    STREET_VIEW("Street view");

    private final String label;

    Purpose(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

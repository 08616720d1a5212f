package dev.ridgeline.property.geocoding;

/** Where a source put an address, how precisely, what it matched, and which source said so. */
public record Geocode(double latitude, double longitude, Accuracy accuracy, String matched, String provider) {

    /** How close to the roof a geocode is, best first. */
    public enum Accuracy {
        /** On the building: a footprint's centroid, or a rooftop geocode. */
        ROOFTOP,
        /** Interpolated along the street's address range (Census, most free geocoders). */
        INTERPOLATED,
        /** The centre of a parcel, street or place. */
        CENTROID,
        /** A ZIP or city centroid: enough for a time zone or a region, not for a roof. */
        APPROXIMATE
    }
}

package dev.ridgeline.property;

/** A property and its great-circle distance from the point asked about, in statute miles. */
public record NearbyProperty(Property property, double miles) {
}

package dev.ridgeline.property;

import java.util.UUID;

/**
 * A home found by a radius search: enough to list, map and rank it (its id for the rest), and its great-circle
 * distance from the point asked about, in statute miles.
 */
public record NearbyProperty(UUID id, String address, double latitude, double longitude, double miles) {
}

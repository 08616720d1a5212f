package dev.ridgeline.property;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * A building footprint: its outline as GeoJSON, its area, its centroid, where it came from, and how it was tied to
 * its property ({@code ADDRESS} or {@code CONTAINMENT}; null while it belongs to none).
 */
public record Building(UUID id, @Nullable UUID propertyId, String source, String sourceId, @Nullable String kind,
        double areaM2, double areaFt2, double centroidLat, double centroidLon, @JsonRawValue String geometry,
        @Nullable Integer levels, @Nullable String linkMethod) {
}

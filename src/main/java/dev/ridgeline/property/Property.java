package dev.ridgeline.property;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A home: its address as first written and its normalised key, where it is (and where that came from: a
 * footprint's centroid, the imported file, or a geocoder), and what is known of it.
 */
public record Property(UUID id, String address, String addressKey, @Nullable String unit, @Nullable String city,
        @Nullable String state, @Nullable String postalCode, @Nullable Double latitude, @Nullable Double longitude,
        @Nullable String locationSource, @Nullable Integer yearBuilt, Instant createdAt) {

    public boolean located() {
        return latitude != null && longitude != null;
    }

    /** One line for lists: street, city, state and ZIP where known. */
    public String label() {
        StringBuilder s = new StringBuilder(address);
        if (unit != null && !address.toUpperCase(java.util.Locale.ROOT).contains(unit)) {
            s.append(' ').append(unit);
        }
        if (city != null && !address.contains(",")) {
            s.append(", ").append(city);
        }
        if (state != null && !address.contains(",")) {
            s.append(", ").append(state);
        }
        if (postalCode != null && !address.contains(postalCode)) {
            s.append(' ').append(postalCode);
        }
        return s.toString();
    }
}

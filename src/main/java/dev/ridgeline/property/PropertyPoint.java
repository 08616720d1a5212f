package dev.ridgeline.property;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A located home, as analysis jobs read it in bulk: where it is, the address key that permits are matched on, and the
 * year it was built when known.
 *
 * @param addressKey the normalised street line ("123 MAIN ST"), as permits carry it
 * @param h3r7 the H3 cell at {@link dev.ridgeline.platform.GeoPoint#STORM_RESOLUTION}
 */
public record PropertyPoint(UUID id, String address, String addressKey, @Nullable String city,
        @Nullable String postalCode, double latitude, double longitude, long h3r7, @Nullable Integer yearBuilt) {
}

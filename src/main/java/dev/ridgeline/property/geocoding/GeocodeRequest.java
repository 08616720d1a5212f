package dev.ridgeline.property.geocoding;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.Addresses;

/** An address to find: its street line, city, state and ZIP as known. {@code key} names it in batches and the cache. */
public record GeocodeRequest(String key, String street, @Nullable String city, @Nullable String state,
        @Nullable String zip) {

    /** "123 Main St, Nashville, TN 37206", leaving out what is unknown. */
    public String oneLine() {
        StringBuilder s = new StringBuilder(street);
        if (city != null) {
            s.append(", ").append(city);
        }
        if (state != null) {
            s.append(", ").append(state);
        }
        if (zip != null) {
            s.append(' ').append(zip);
        }
        return s.toString();
    }

    /** The cache key: the normalised street line and ZIP (or city and state), so spellings share an answer. */
    public String cacheKey() {
        String line = Addresses.street(street).label();
        return line + "|" + (zip != null ? zip : (city == null ? "" : city.toUpperCase(java.util.Locale.ROOT)) + ","
                + (state == null ? "" : state.toUpperCase(java.util.Locale.ROOT)));
    }
}

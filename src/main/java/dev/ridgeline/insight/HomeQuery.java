package dev.ridgeline.insight;

import org.jspecify.annotations.Nullable;

/**
 * What the ranked list of homes asks for: filters (null for any), the order and the page.
 *
 * @param sort "score" (highest first, the default), "hail" (largest first), "roof" (oldest first) or "address"
 * @param includeExcluded also list homes excluded for a recent re-roof
 */
public record HomeQuery(@Nullable Integer minScore, @Nullable String postalCode, @Nullable String city,
        @Nullable String address, boolean includeExcluded, String sort, int page, int size) {

    public static HomeQuery top(int size) {
        return new HomeQuery(null, null, null, null, false, "score", 0, size);
    }

    /** The same query for another page, as URL parameters (for links that keep the filters). */
    public String toQueryString(int otherPage) {
        StringBuilder b = new StringBuilder();
        add(b, "minScore", minScore == null ? null : minScore.toString());
        add(b, "zip", postalCode);
        add(b, "city", city);
        add(b, "address", address);
        add(b, "excluded", includeExcluded ? "true" : null);
        add(b, "sort", sort);
        add(b, "page", Integer.toString(otherPage));
        return b.toString();
    }

    private static void add(StringBuilder b, String name, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            b.append(b.isEmpty() ? "" : "&").append(name).append('=')
                    .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}

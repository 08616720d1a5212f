package dev.ridgeline.identity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.TenantId;

/**
 * A roofing company. The legal name and postal address are printed in every marketing email (CAN-SPAM), so the
 * company profile asks for them up front.
 */
public record Tenant(TenantId id, String name, String legalName, @Nullable String street, @Nullable String city,
        @Nullable String region, @Nullable String postalCode, String country, @Nullable String phone,
        @Nullable String website, String timeZone, Instant createdAt) {

    /** True once a postal address complete enough for email compliance is on file. */
    public boolean hasPostalAddress() {
        return notBlank(street) && notBlank(city) && notBlank(region) && notBlank(postalCode);
    }

    /** One line: "Acme Roofing LLC, 12 Main St, Nashville, TN 37201". */
    public String postalAddressLine() {
        StringBuilder b = new StringBuilder(legalName);
        for (String part : new String[] {street, city, joinRegion()}) {
            if (notBlank(part)) {
                b.append(", ").append(part);
            }
        }
        return b.toString();
    }

    private @Nullable String joinRegion() {
        if (!notBlank(region)) {
            return postalCode;
        }
        return notBlank(postalCode) ? region + " " + postalCode : region;
    }

    private static boolean notBlank(@Nullable String s) {
        return s != null && !s.isBlank();
    }
}

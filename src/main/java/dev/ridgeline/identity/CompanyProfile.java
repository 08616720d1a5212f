package dev.ridgeline.identity;

import org.jspecify.annotations.Nullable;

/** The editable part of a company: what the setup page and the company settings page submit. */
public record CompanyProfile(String name, String legalName, @Nullable String street, @Nullable String city,
        @Nullable String region, @Nullable String postalCode, @Nullable String phone, @Nullable String website,
        String timeZone) {
}

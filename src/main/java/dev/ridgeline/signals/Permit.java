package dev.ridgeline.signals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A building permit with its roofing category and the reason for it. */
public record Permit(UUID id, String source, String permitNumber, String permitType, @Nullable String subtype,
        @Nullable String description, String address, @Nullable String city, @Nullable String state,
        @Nullable String postalCode, @Nullable Double latitude, @Nullable Double longitude, @Nullable LocalDate filedOn,
        @Nullable LocalDate issuedOn, @Nullable BigDecimal valuation, @Nullable String contractor,
        PermitCategory category, String categoryReason) {
}

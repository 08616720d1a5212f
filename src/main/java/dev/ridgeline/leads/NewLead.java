package dev.ridgeline.leads;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.UserId;

/** A lead entered by hand or through the API; an owner may be given when the actor may assign. */
public record NewLead(String address, @Nullable String city, @Nullable String region, @Nullable String postalCode,
        @Nullable String homeownerName, @Nullable Double latitude, @Nullable Double longitude,
        @Nullable UserId ownerId, @Nullable String notes) {
}

package dev.ridgeline.leads;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.UserId;

/** A lead as pages and the API show it. */
public record Lead(UUID id, String address, @Nullable String city, @Nullable String region,
        @Nullable String postalCode, @Nullable String homeownerName, @Nullable Double latitude,
        @Nullable Double longitude, LeadStage stage, @Nullable UserId ownerId, @Nullable String ownerName,
        String source, @Nullable String notes, Instant createdAt, Instant updatedAt) {

    public String place() {
        StringBuilder b = new StringBuilder(address);
        if (city != null) {
            b.append(", ").append(city);
        }
        if (region != null) {
            b.append(", ").append(region);
        }
        return b.toString();
    }

    Lead withOwnerName(@Nullable String name) {
        return new Lead(id, address, city, region, postalCode, homeownerName, latitude, longitude, stage, ownerId, name,
                source, notes, createdAt, updatedAt);
    }

    public boolean located() {
        return latitude != null && longitude != null;
    }
}

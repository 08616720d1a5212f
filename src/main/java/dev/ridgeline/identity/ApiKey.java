package dev.ridgeline.identity;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.UserId;

/** A stored API key: its prefix identifies it in lists; the secret is kept only as a hash. */
public record ApiKey(UUID id, String name, String prefix, ApiKeyScope scope, UserId createdBy, Instant createdAt,
        @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}

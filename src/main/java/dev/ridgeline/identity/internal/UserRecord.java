package dev.ridgeline.identity.internal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.identity.User;
import dev.ridgeline.identity.UserStatus;
import dev.ridgeline.platform.Role;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;

/** A user row with its credentials; stays inside the module. */
public record UserRecord(UserId id, TenantId tenantId, String email, String name, @Nullable String phone, Role role,
        UserStatus status, @Nullable String passwordHash, byte @Nullable [] totpSecret, @Nullable Long totpLastStep,
        Instant createdAt, @Nullable Instant lastSignInAt) {

    public User toUser() {
        return new User(id, tenantId, email, name, phone, role, status, passwordHash != null, totpSecret != null,
                createdAt, lastSignInAt);
    }

    @Override
    public String toString() {
        return "UserRecord[" + id + ", " + role + ", " + status + "]";
    }
}

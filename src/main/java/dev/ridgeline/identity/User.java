package dev.ridgeline.identity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.Role;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;

/** A person of a company, as other modules and pages see them: never their password hash or TOTP secret. */
public record User(UserId id, TenantId tenantId, String email, String name, @Nullable String phone, Role role,
        UserStatus status, boolean hasPassword, boolean totpEnabled, Instant createdAt,
        @Nullable Instant lastSignInAt) {

    public boolean active() {
        return status != UserStatus.DISABLED;
    }
}

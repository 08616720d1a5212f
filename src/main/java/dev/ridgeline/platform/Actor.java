package dev.ridgeline.platform;

import java.io.Serializable;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Who is acting: a signed-in user, or an API key acting for its tenant. Facades take an actor and scope every
 * read and write to {@link #tenantId()}.
 *
 * @param tenantId the company the actor belongs to
 * @param userId the user, or for an API key the owner who created it
 * @param role the role whose permissions apply
 * @param apiKeyId set when the request was made with an API key
 */
public record Actor(TenantId tenantId, UserId userId, Role role, @Nullable String apiKeyId) implements Serializable {

    public Actor {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }

    public static Actor user(TenantId tenantId, UserId userId, Role role) {
        return new Actor(tenantId, userId, role, null);
    }

    public boolean can(Permission permission) {
        return role.can(permission);
    }

    /** Throws {@link ForbiddenException} unless the actor's role grants the permission. */
    public void require(Permission permission) {
        if (!can(permission)) {
            throw new ForbiddenException("your role (" + role.label() + ") may not do this: needs " + permission);
        }
    }
}

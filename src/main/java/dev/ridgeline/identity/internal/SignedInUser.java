package dev.ridgeline.identity.internal;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import dev.ridgeline.identity.UserStatus;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.ActorPrincipal;
import dev.ridgeline.platform.Permission;
import dev.ridgeline.platform.Role;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;

/**
 * The principal of a browser session. Stored in the session table (Java serialization), so it holds only ids,
 * names and flags; the password hash is erased after authentication.
 */
public final class SignedInUser implements UserDetails, CredentialsContainer, ActorPrincipal, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Actor actor;
    private final String email;
    private final String displayName;
    private final UserStatus status;
    private final boolean totpRequired;
    private @Nullable String passwordHash;

    SignedInUser(UserRecord user, @Nullable String passwordHash) {
        this.actor = Actor.user(user.tenantId(), user.id(), user.role());
        this.email = user.email();
        this.displayName = user.name();
        this.status = user.status();
        this.totpRequired = user.totpSecret() != null;
        this.passwordHash = passwordHash;
    }

    @Override
    public Actor actor() {
        return actor;
    }

    public TenantId tenantId() {
        return actor.tenantId();
    }

    public UserId userId() {
        return actor.userId();
    }

    public Role role() {
        return actor.role();
    }

    public String displayName() {
        return displayName;
    }

    /** True when the user turned on an authenticator app: a session needs that factor too. */
    public boolean totpRequired() {
        return totpRequired;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_" + actor.role().name()));
        for (Permission p : actor.role().permissions()) {
            authorities.add(new SimpleGrantedAuthority(p.authority()));
        }
        return authorities;
    }

    @Override
    public @Nullable String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public boolean isEnabled() {
        return status != UserStatus.DISABLED;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedInUser other && other.actor.userId().equals(actor.userId());
    }

    @Override
    public int hashCode() {
        return actor.userId().hashCode();
    }

    @Override
    public String toString() {
        return "SignedInUser[" + actor.userId() + ", " + actor.role() + "]";
    }
}

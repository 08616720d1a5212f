package dev.ridgeline.identity.internal;

import java.io.Serial;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.ott.OneTimeToken;

import dev.ridgeline.identity.SignInMethod;

/**
 * A sign-in link or code we issued. {@code userId} is null for a request naming no account: nothing was stored
 * or sent, but the caller answers exactly as if it had been.
 */
record IssuedToken(String tokenValue, String username, Instant expiresAt, @Nullable UUID challengeId,
        @Nullable UUID userId, SignInMethod method) implements OneTimeToken {

    @Serial
    private static final long serialVersionUID = 1L;

    boolean forKnownAccount() {
        return userId != null;
    }

    @Override
    public String getTokenValue() {
        return tokenValue;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public Instant getExpiresAt() {
        return expiresAt;
    }

    @Override
    public String toString() {
        return "IssuedToken[" + method + ", challenge " + challengeId + "]";
    }
}

package dev.ridgeline.identity.internal;

import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;

/**
 * The additional rule for every authenticated request (Spring Security 7's multi-factor hook): a user who turned
 * on an authenticator app must also hold the TOTP factor. Others, and API keys, pass.
 */
class TotpFactorAuthorization implements AuthorizationManager<Object> {

    static final String TOTP_AUTHORITY = "FACTOR_TOTP";

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, Object object) {
        Authentication auth = authentication.get();
        if (auth == null || !(auth.getPrincipal() instanceof SignedInUser user) || !user.totpRequired()) {
            return new AuthorizationDecision(true);
        }
        return new AuthorizationDecision(hasTotpFactor(auth));
    }

    static boolean needsTotp(Authentication auth) {
        return auth != null && auth.getPrincipal() instanceof SignedInUser user && user.totpRequired()
                && !hasTotpFactor(auth);
    }

    private static boolean hasTotpFactor(Authentication auth) {
        return auth.getAuthorities().stream().anyMatch(a -> TOTP_AUTHORITY.equals(a.getAuthority()));
    }
}

package dev.ridgeline.identity.internal;

import java.io.Serial;
import java.util.Collection;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

import dev.ridgeline.identity.SignInMethod;

/** A session opened by an emailed link, a texted code or an invitation; remembers which, for the audit log. */
final class ChallengeAuthentication extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    private final SignedInUser principal;
    private final SignInMethod method;

    ChallengeAuthentication(SignedInUser principal, Collection<? extends GrantedAuthority> authorities,
            SignInMethod method) {
        super(authorities);
        this.principal = principal;
        this.method = method;
        setAuthenticated(true);
    }

    SignInMethod method() {
        return method;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public SignedInUser getPrincipal() {
        return principal;
    }
}

package dev.ridgeline.identity.internal;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

import dev.ridgeline.identity.UserStatus;

/**
 * Turns a submitted link token or code into a session: consumes the challenge, loads the account and grants the
 * one-time-token factor.
 */
class ChallengeAuthenticationProvider implements AuthenticationProvider {

    private final LoginChallenges challenges;
    private final UserRepository users;

    ChallengeAuthenticationProvider(LoginChallenges challenges, UserRepository users) {
        this.challenges = challenges;
        this.users = users;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        IssuedToken token = (IssuedToken) challenges.consume((OneTimeTokenAuthenticationToken) authentication);
        UserRecord user = users.findById(new dev.ridgeline.platform.UserId(token.userId()))
                .orElseThrow(() -> new ChallengeRejected(ChallengeRejected.Reason.UNKNOWN));
        if (user.status() == UserStatus.DISABLED) {
            throw new DisabledException("account disabled");
        }
        SignedInUser principal = new SignedInUser(user, null);
        List<GrantedAuthority> authorities = new ArrayList<>(principal.getAuthorities());
        authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.OTT_AUTHORITY));
        return new ChallengeAuthentication(principal, authorities, token.method());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return OneTimeTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }
}

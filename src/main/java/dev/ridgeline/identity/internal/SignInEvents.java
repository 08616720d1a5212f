package dev.ridgeline.identity.internal;

import java.time.Clock;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ridgeline.identity.IdentityActionTaken;
import dev.ridgeline.identity.SignInMethod;

/**
 * Reacts to Spring Security's authentication events: audit every sign-in and failed password, count failures
 * toward the lockout, and record the first sign-in of an invited user.
 */
@Component
class SignInEvents {

    private final UserRepository users;
    private final SignInThrottle throttle;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    SignInEvents(UserRepository users, SignInThrottle throttle, ApplicationEventPublisher events,
            TransactionTemplate tx, Clock clock) {
        this.users = users;
        this.throttle = throttle;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        Authentication auth = event.getAuthentication();
        if (!(auth.getPrincipal() instanceof SignedInUser user)) {
            return;
        }
        SignInMethod method = auth instanceof ChallengeAuthentication c ? c.method() : SignInMethod.PASSWORD;
        throttle.recordSuccess(user.getUsername());
        tx.executeWithoutResult(s -> {
            users.recordSignIn(user.tenantId(), user.userId(), clock.instant());
            events.publishEvent(new IdentityActionTaken(user.tenantId(), user.userId(), "sign_in.succeeded",
                    user.displayName() + " signed in with " + method.label(), ip(auth)));
        });
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        Authentication attempt = event.getAuthentication();
        if (!(attempt instanceof UsernamePasswordAuthenticationToken)) {
            return; // link and code failures are audited where the challenge is checked
        }
        String email = String.valueOf(attempt.getPrincipal());
        boolean badPassword = event instanceof AuthenticationFailureBadCredentialsEvent;
        boolean nowLocked = badPassword && throttle.recordFailure(email);
        Optional<UserRecord> user = users.findByEmail(email);
        tx.executeWithoutResult(s -> events.publishEvent(new IdentityActionTaken(
                user.map(UserRecord::tenantId).orElse(null), user.map(UserRecord::id).orElse(null),
                nowLocked ? "sign_in.locked" : "sign_in.failed",
                (nowLocked ? "Password sign-in locked after repeated failures for " : "Failed password sign-in for ")
                        + (user.isPresent() ? user.get().name() : "an unknown account"),
                ip(attempt))));
    }

    private static @Nullable String ip(Authentication auth) {
        return auth.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
    }
}

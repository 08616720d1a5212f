package dev.ridgeline.identity.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ridgeline.identity.IdentityActionTaken;
import dev.ridgeline.identity.UserStatus;
import dev.ridgeline.platform.Phones;

/** The sign-in steps the web pages drive directly: asking for a texted code, and the authenticator step. */
@Component
public class SignInService {

    /** The outcome of an authenticator code: the upgraded session, or whether the account is now locked. */
    public record TotpResult(@Nullable Authentication upgraded, boolean locked) {
    }

    private final UserRepository users;
    private final LoginChallenges challenges;
    private final SignInMessages messages;
    private final SignInThrottle throttle;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;

    SignInService(UserRepository users, LoginChallenges challenges, SignInMessages messages, SignInThrottle throttle,
            Accounts accounts, ApplicationEventPublisher events, TransactionTemplate tx) {
        this.users = users;
        this.challenges = challenges;
        this.messages = messages;
        this.throttle = throttle;
        this.accounts = accounts;
        this.events = events;
        this.tx = tx;
    }

    /**
     * Texts a code to the account named by an email or phone number, and returns the challenge id the code form
     * needs. For an unknown account, an account without a phone, or one over its hourly limit, nothing is sent
     * and a random id comes back: the page looks the same either way.
     */
    public UUID requestSmsCode(String username, @Nullable String ip) {
        Optional<UserRecord> user = findAccount(username)
                .filter(u -> u.status() != UserStatus.DISABLED && u.phone() != null);
        if (user.isEmpty() || !throttle.allowSend(user.get().email())) {
            return challenges.unknownSmsCode(username).challengeId();
        }
        IssuedToken token = challenges.generateSmsCode(user.get(), ip);
        tx.executeWithoutResult(s -> messages.smsCode(user.get(), token));
        return token.challengeId();
    }

    /** Sends the magic link for a token Spring Security generated, if it names a real account. */
    void sendMagicLink(IssuedToken token) {
        if (!token.forKnownAccount()) {
            return;
        }
        users.findById(new dev.ridgeline.platform.UserId(token.userId()))
                .ifPresent(u -> tx.executeWithoutResult(s -> messages.magicLink(u, token)));
    }

    /** Emails a sign-in link to this address if it has an account (used right after first-run setup). */
    public void sendMagicLinkTo(String email) {
        sendMagicLink((IssuedToken) challenges.generate(new GenerateOneTimeTokenRequest(email)));
    }

    /** Checks the authenticator code of a signed-in session and adds the TOTP factor to it. */
    public TotpResult verifyTotp(Authentication current, String code) {
        SignedInUser principal = (SignedInUser) current.getPrincipal();
        UserRecord user = users.find(principal.tenantId(), principal.userId()).orElseThrow();
        Boolean ok = tx.execute(s -> accounts.verifyTotp(user, code));
        if (Boolean.TRUE.equals(ok)) {
            throttle.recordSuccess(user.email());
            tx.executeWithoutResult(s -> events.publishEvent(new IdentityActionTaken(user.tenantId(), user.id(),
                    "sign_in.totp_verified", user.name() + " confirmed sign-in with an authenticator code", null)));
            return new TotpResult(withTotpFactor(current), false);
        }
        boolean locked = throttle.recordFailure(user.email());
        tx.executeWithoutResult(s -> events.publishEvent(new IdentityActionTaken(user.tenantId(), user.id(),
                locked ? "sign_in.locked" : "sign_in.failed",
                (locked ? "Signed out after repeated wrong authenticator codes: " : "Wrong authenticator code: ")
                        + user.name(), null)));
        return new TotpResult(null, locked);
    }

    public boolean needsTotp(Authentication auth) {
        return TotpFactorAuthorization.needsTotp(auth);
    }

    private Optional<UserRecord> findAccount(String username) {
        if (username == null || username.isBlank()) {
            return Optional.empty();
        }
        if (Phones.looksLikePhone(username)) {
            List<UserRecord> matches = Phones.parse(username).map(users::findByPhone).orElse(List.of());
            return matches.size() == 1 ? Optional.of(matches.getFirst()) : Optional.empty();
        }
        return users.findByEmail(username);
    }

    private static Authentication withTotpFactor(Authentication current) {
        List<GrantedAuthority> authorities = new ArrayList<>(current.getAuthorities());
        authorities.add(FactorGrantedAuthority.fromAuthority(TotpFactorAuthorization.TOTP_AUTHORITY));
        if (current instanceof ChallengeAuthentication c) {
            return new ChallengeAuthentication(c.getPrincipal(), authorities, c.method());
        }
        return UsernamePasswordAuthenticationToken.authenticated(current.getPrincipal(), null, authorities);
    }
}

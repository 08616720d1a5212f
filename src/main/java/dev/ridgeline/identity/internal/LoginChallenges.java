package dev.ridgeline.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;
import org.springframework.security.authentication.ott.OneTimeTokenService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ridgeline.identity.IdentityActionTaken;
import dev.ridgeline.identity.SignInMethod;
import dev.ridgeline.identity.UserStatus;
import dev.ridgeline.identity.internal.ChallengeRejected.Reason;
import dev.ridgeline.platform.IdGenerator;

/**
 * Spring Security's one-time-token service, backed by {@code identity.login_challenge}. Three kinds of challenge:
 * emailed magic links (single use, 15 minutes), texted 6-digit codes (10 minutes, 5 attempts) and invitation
 * links (7 days). Only hashes are stored. A code is submitted as {@code <challenge id>:<code>}, so a code alone
 * never identifies an account.
 */
@Component
class LoginChallenges implements OneTimeTokenService {

    private static final Pattern CODE_TOKEN = Pattern.compile("^([0-9a-f-]{36}):(\\d{6})$");

    private final ChallengeRepository challenges;
    private final UserRepository users;
    private final SignInThrottle throttle;
    private final IdentityProperties properties;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final IdGenerator ids;
    private final Clock clock;

    LoginChallenges(ChallengeRepository challenges, UserRepository users, SignInThrottle throttle,
            IdentityProperties properties,
            TransactionTemplate tx, ApplicationEventPublisher events, IdGenerator ids, Clock clock) {
        this.challenges = challenges;
        this.users = users;
        this.throttle = throttle;
        this.properties = properties;
        this.tx = tx;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * A magic link for the account with this email, or an unstored stand-in when there is none, or when the
     * account had its hourly share of links (the page answers the same; the last link sent still works).
     */
    @Override
    public OneTimeToken generate(GenerateOneTimeTokenRequest request) {
        Instant now = clock.instant();
        Instant expires = now.plus(properties.magicLinkLifetime());
        String token = Secrets.token(32);
        Optional<UserRecord> user = users.findByEmail(request.getUsername())
                .filter(u -> u.status() != UserStatus.DISABLED)
                .filter(u -> throttle.allowSend(u.email()));
        if (user.isEmpty()) {
            return new IssuedToken(token, request.getUsername(), expires, null, null, SignInMethod.EMAIL_LINK);
        }
        UserRecord u = user.get();
        UUID id = ids.next();
        tx.executeWithoutResult(s -> {
            challenges.supersede(u.id(), ChallengeRepository.Kind.EMAIL_LINK, now);
            challenges.insert(new ChallengeRepository.Challenge(id, u.tenantId(), u.id(), ChallengeRepository.Kind.EMAIL_LINK,
                    Secrets.sha256(token), expires, 0, 1, null), now, null);
        });
        return new IssuedToken(token, u.email(), expires, id, u.id().value(), SignInMethod.EMAIL_LINK);
    }

    /** A texted code for the account; the token value is the code. */
    IssuedToken generateSmsCode(UserRecord u, @Nullable String ip) {
        Instant now = clock.instant();
        UUID id = ids.next();
        String code = Secrets.digits(6);
        Instant expires = now.plus(properties.smsCodeLifetime());
        tx.executeWithoutResult(s -> {
            challenges.supersede(u.id(), ChallengeRepository.Kind.SMS_CODE, now);
            challenges.insert(new ChallengeRepository.Challenge(id, u.tenantId(), u.id(), ChallengeRepository.Kind.SMS_CODE,
                    codeHash(id, code), expires, 0, properties.smsCodeAttempts(), null), now, ip);
        });
        return new IssuedToken(code, u.email(), expires, id, u.id().value(), SignInMethod.SMS_CODE);
    }

    /** A stand-in for a code request naming no account: same shape, nothing stored. */
    IssuedToken unknownSmsCode(String username) {
        return new IssuedToken(Secrets.digits(6), username, clock.instant().plus(properties.smsCodeLifetime()),
                ids.next(), null, SignInMethod.SMS_CODE);
    }

    IssuedToken generateInvitation(UserRecord u) {
        Instant now = clock.instant();
        UUID id = ids.next();
        String token = Secrets.token(32);
        Instant expires = now.plus(properties.invitationLifetime());
        tx.executeWithoutResult(s -> {
            challenges.supersede(u.id(), ChallengeRepository.Kind.INVITE, now);
            challenges.insert(new ChallengeRepository.Challenge(id, u.tenantId(), u.id(), ChallengeRepository.Kind.INVITE,
                    Secrets.sha256(token), expires, 0, 1, null), now, null);
        });
        return new IssuedToken(token, u.email(), expires, id, u.id().value(), SignInMethod.INVITATION);
    }

    /** Either the accepted token or why not; failures are committed (attempt counts, audit) before throwing. */
    private record Outcome(@Nullable IssuedToken token, @Nullable Reason rejected) {

        static Outcome because(Reason reason) {
            return new Outcome(null, reason);
        }
    }

    @Override
    public OneTimeToken consume(OneTimeTokenAuthenticationToken authentication) {
        String value = authentication.getTokenValue();
        if (value == null || value.isBlank()) {
            throw new ChallengeRejected(Reason.UNKNOWN);
        }
        var code = CODE_TOKEN.matcher(value.trim());
        Outcome outcome = code.matches()
                ? tx.execute(s -> consumeCode(UUID.fromString(code.group(1)), code.group(2)))
                : tx.execute(s -> consumeLink(value.trim()));
        if (outcome == null || outcome.token() == null) {
            throw new ChallengeRejected(outcome == null || outcome.rejected() == null ? Reason.UNKNOWN : outcome.rejected());
        }
        return outcome.token();
    }

    private Outcome consumeLink(String token) {
        var found = challenges.findBySecretHash(Secrets.sha256(token)).flatMap(c -> challenges.lock(c.id()));
        if (found.isEmpty()) {
            return Outcome.because(Reason.UNKNOWN);
        }
        var c = found.get();
        SignInMethod method = c.kind() == ChallengeRepository.Kind.INVITE ? SignInMethod.INVITATION : SignInMethod.EMAIL_LINK;
        if (c.consumedAt() != null) {
            audit(c, "sign_in.failed", "A used " + method.label() + " was opened again");
            return Outcome.because(Reason.USED);
        }
        if (!clock.instant().isBefore(c.expiresAt())) {
            audit(c, "sign_in.failed", "An expired " + method.label() + " was opened");
            return Outcome.because(Reason.EXPIRED);
        }
        challenges.consume(c.id(), clock.instant());
        return new Outcome(issued(c, token, method), null);
    }

    private Outcome consumeCode(UUID challengeId, String code) {
        var found = challenges.lock(challengeId).filter(c -> c.kind() == ChallengeRepository.Kind.SMS_CODE);
        if (found.isEmpty()) {
            return Outcome.because(Reason.WRONG_CODE);
        }
        var c = found.get();
        if (c.consumedAt() != null) {
            return Outcome.because(c.attempts() >= c.maxAttempts() ? Reason.TOO_MANY_ATTEMPTS : Reason.USED);
        }
        if (!clock.instant().isBefore(c.expiresAt())) {
            audit(c, "sign_in.failed", "An expired SMS code was entered");
            return Outcome.because(Reason.EXPIRED);
        }
        if (!Secrets.equal(codeHash(c.id(), code), c.secretHash())) {
            int attempts = challenges.recordFailedAttempt(c.id());
            if (attempts >= c.maxAttempts()) {
                challenges.consume(c.id(), clock.instant());
                audit(c, "sign_in.locked", "An SMS code was blocked after " + attempts + " wrong entries");
                return Outcome.because(Reason.TOO_MANY_ATTEMPTS);
            }
            audit(c, "sign_in.failed", "A wrong SMS code was entered (" + attempts + " of " + c.maxAttempts() + ")");
            return Outcome.because(Reason.WRONG_CODE);
        }
        challenges.consume(c.id(), clock.instant());
        return new Outcome(issued(c, code, SignInMethod.SMS_CODE), null);
    }

    private IssuedToken issued(ChallengeRepository.Challenge c, String value, SignInMethod method) {
        String email = users.findById(c.userId()).map(UserRecord::email).orElse("");
        return new IssuedToken(value, email, c.expiresAt(), c.id(), c.userId().value(), method);
    }

    int deleteExpired() {
        return challenges.deleteExpiredBefore(clock.instant().minus(properties.invitationLifetime()));
    }

    private void audit(ChallengeRepository.Challenge c, String action, String summary) {
        events.publishEvent(new IdentityActionTaken(c.tenantId(), c.userId(), action, summary, null));
    }

    private static byte[] codeHash(UUID challengeId, String code) {
        return Secrets.sha256(challengeId + ":" + code);
    }

    static String codeToken(UUID challengeId, String code) {
        return challengeId + ":" + code;
    }
}

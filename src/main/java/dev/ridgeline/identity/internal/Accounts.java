package dev.ridgeline.identity.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;

import dev.ridgeline.identity.IdentityActionTaken;
import dev.ridgeline.identity.NewUser;
import dev.ridgeline.identity.TotpEnrollment;
import dev.ridgeline.identity.UserStatus;
import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.Phones;
import dev.ridgeline.platform.SecretCipher;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;

/** The account rules behind the identity facade: validation, invitations, passwords, authenticator secrets. */
@Component
public class Accounts {

    private final UserRepository users;
    private final Passwords passwords;
    private final LoginChallenges challenges;
    private final SignInMessages messages;
    private final SecretCipher cipher;
    private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;
    private final ApplicationEventPublisher events;
    private final IdGenerator ids;
    private final Clock clock;

    Accounts(UserRepository users, Passwords passwords, LoginChallenges challenges, SignInMessages messages,
            SecretCipher cipher, ObjectProvider<FindByIndexNameSessionRepository<?>> sessions,
            ApplicationEventPublisher events, IdGenerator ids, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.challenges = challenges;
        this.messages = messages;
        this.cipher = cipher;
        this.sessions = sessions;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    /** Validates a new person and builds their row; collects field errors and throws them together. */
    public UserRecord newUser(TenantId tenant, NewUser person, @Nullable String password, UserStatus status,
            Map<String, String> errors) {
        String email = collect(errors, () -> Emails.normalize("email", person.email()));
        String name = person.name() == null ? "" : person.name().trim();
        if (name.isEmpty()) {
            errors.put("name", "is required");
        } else if (name.length() > 120) {
            errors.put("name", "is longer than 120 characters");
        }
        String phone = collect(errors, () -> Phones.toE164OrNull("phone", person.phone()));
        String hash = password == null || password.isEmpty() ? null
                : collect(errors, () -> passwords.hash("password", password));
        if (email != null && users.emailTaken(email)) {
            errors.put("email", email + " already has an account");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new UserRecord(new UserId(ids.next()), tenant, email, name, phone, person.role(), status, hash, null,
                null, clock.instant(), null);
    }

    /** Creates an invited user and emails the invitation. */
    public UserRecord invite(TenantId tenant, NewUser person, @Nullable UserId invitedBy, String inviterName) {
        UserRecord u = newUser(tenant, person, null, UserStatus.INVITED, new LinkedHashMap<>());
        users.insert(u, invitedBy);
        events.publishEvent(new IdentityActionTaken(tenant, invitedBy, "user.invited",
                u.name() + " (" + u.email() + ") invited as " + u.role().label(), null));
        sendInvitation(u, inviterName);
        return u;
    }

    public void sendInvitation(UserRecord u, String inviterName) {
        messages.invitation(u, inviterName, challenges.generateInvitation(u));
    }

    public void updateProfile(UserRecord u, String name, @Nullable String phone) {
        Map<String, String> errors = new LinkedHashMap<>();
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty()) {
            errors.put("name", "is required");
        }
        String e164 = collect(errors, () -> Phones.toE164OrNull("phone", phone));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        users.updateProfile(u.tenantId(), u.id(), trimmed, e164);
        events.publishEvent(new IdentityActionTaken(u.tenantId(), u.id(), "user.profile_updated",
                trimmed + " updated their profile", null));
    }

    public void changePassword(UserRecord u, @Nullable String current, String next) {
        if (u.passwordHash() != null
                && (current == null || !passwords.encoder().matches(current, u.passwordHash()))) {
            throw InvalidInputException.of("currentPassword", "does not match your current password");
        }
        users.updatePassword(u.tenantId(), u.id(), passwords.hash("newPassword", next));
        events.publishEvent(new IdentityActionTaken(u.tenantId(), u.id(), "user.password_changed",
                u.name() + (u.passwordHash() == null ? " set a password" : " changed their password"), null));
    }

    public TotpEnrollment startTotp(UserRecord u, String companyName) {
        byte[] secret = Totp.newSecret();
        return new TotpEnrollment(Totp.base32(secret), Totp.uri("Ridgeline (" + companyName + ")", u.email(), secret));
    }

    public void enableTotp(UserRecord u, String secretBase32, String code) {
        byte[] secret;
        try {
            secret = Totp.fromBase32(secretBase32);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("secret", "is not a valid authenticator key");
        }
        OptionalLong step = Totp.matchingStep(secret, code, clock.instant());
        if (step.isEmpty()) {
            throw InvalidInputException.of("code", "does not match; check the time on your phone and try the next code");
        }
        users.setTotp(u.tenantId(), u.id(), cipher.encrypt(Totp.base32(secret), TotpSecretColumns.associatedData(u)),
                clock.instant());
        users.advanceTotpStep(u.tenantId(), u.id(), step.getAsLong());
        events.publishEvent(new IdentityActionTaken(u.tenantId(), u.id(), "user.totp_enabled",
                u.name() + " turned on an authenticator app", null));
    }

    public void disableTotp(UserRecord u, String code) {
        if (!verifyTotp(u, code)) {
            throw InvalidInputException.of("code", "does not match the code in your authenticator app");
        }
        users.setTotp(u.tenantId(), u.id(), null, null);
        events.publishEvent(new IdentityActionTaken(u.tenantId(), u.id(), "user.totp_disabled",
                u.name() + " turned off their authenticator app", null));
    }

    /** Checks a code against the stored secret; each time step is accepted once, so a seen code cannot be replayed. */
    boolean verifyTotp(UserRecord u, String code) {
        if (u.totpSecret() == null) {
            return false;
        }
        byte[] secret = Totp.fromBase32(cipher.decrypt(u.totpSecret(), TotpSecretColumns.associatedData(u)));
        OptionalLong step = Totp.matchingStep(secret, code, clock.instant());
        return step.isPresent() && users.advanceTotpStep(u.tenantId(), u.id(), step.getAsLong());
    }

    /** Signs the user out everywhere (after a role change or disabling): deletes their stored sessions. */
    public void endSessions(UserRecord u) {
        FindByIndexNameSessionRepository<?> repository = sessions.getIfAvailable();
        if (repository != null) {
            repository.findByPrincipalName(u.email()).keySet().forEach(repository::deleteById);
        }
    }

    private static <T> @Nullable T collect(Map<String, String> errors, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
            return null;
        }
    }
}

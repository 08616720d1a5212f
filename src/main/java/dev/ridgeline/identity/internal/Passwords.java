package dev.ridgeline.identity.internal;

import java.security.SecureRandom;
import java.util.HexFormat;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import dev.ridgeline.platform.InvalidInputException;

/**
 * Password hashing (Spring Security's delegating encoder: bcrypt today, upgradable by id prefix) and the rules a
 * new password must meet.
 */
@Component
public class Passwords {

    static final int MIN_LENGTH = 10;

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private volatile String unmatchable;

    public PasswordEncoder encoder() {
        return encoder;
    }

    /** Validates and hashes; the error names the field and the rule, never the password. */
    public String hash(String field, String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw InvalidInputException.of(field, "must have at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > 128) {
            throw InvalidInputException.of(field, "must have at most 128 characters");
        }
        if (password.isBlank()) {
            throw InvalidInputException.of(field, "must not be only spaces");
        }
        return encoder.encode(password);
    }

    /** A hash no password matches, made on first use (bcrypt is slow on purpose; start-up should not pay). */
    String unmatchable() {
        String u = unmatchable;
        if (u == null) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            u = encoder.encode(HexFormat.of().formatHex(random));
            unmatchable = u;
        }
        return u;
    }
}

package dev.ridgeline.identity.internal;

import java.util.Optional;
import java.util.regex.Pattern;

/** The key format {@code rl_<8-char prefix>_<43-char secret>}: the prefix finds the row, the whole is hashed. */
final class ApiKeyTokens {

    private static final Pattern SHAPE = Pattern.compile("^rl_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$");
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

    private ApiKeyTokens() {
    }

    static String newPrefix() {
        StringBuilder s = new StringBuilder(8);
        var random = new java.security.SecureRandom();
        for (int i = 0; i < 8; i++) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    static String token(String prefix) {
        return "rl_" + prefix + "_" + Secrets.token(32);
    }

    static Optional<String> prefixOf(String token) {
        var m = SHAPE.matcher(token);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}

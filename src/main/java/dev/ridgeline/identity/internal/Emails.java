package dev.ridgeline.identity.internal;

import java.util.Locale;
import java.util.regex.Pattern;

import dev.ridgeline.platform.InvalidInputException;

/** Email addresses as accounts use them: trimmed, lower-cased, one @ and a dotted domain. */
final class Emails {

    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");

    private Emails() {
    }

    static String normalize(String field, String input) {
        String email = input == null ? "" : input.trim().toLowerCase(Locale.ROOT);
        if (email.isEmpty()) {
            throw InvalidInputException.of(field, "is required");
        }
        if (email.length() > 254 || !SHAPE.matcher(email).matches()) {
            throw InvalidInputException.of(field, "'" + input.trim() + "' is not an email address");
        }
        return email;
    }
}

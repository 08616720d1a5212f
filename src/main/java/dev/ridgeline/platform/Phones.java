package dev.ridgeline.platform;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Phone numbers as people type them, to E.164 (US numbers by default). */
public final class Phones {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private Phones() {
    }

    /** E.164 or an error on {@code field}; null or blank input gives null. */
    public static String toE164OrNull(String field, String input) {
        if (input == null || input.isBlank()) {
            return null;
        }
        return parse(input).orElseThrow(() -> InvalidInputException.of(field,
                "'" + input.trim() + "' is not a valid phone number; include the area code, e.g. (615) 555-0123"));
    }

    public static Optional<String> parse(String input) {
        try {
            PhoneNumber number = UTIL.parse(input.trim(), "US");
            if (!UTIL.isValidNumber(number) && !isTestNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** The kind of line libphonenumber can tell from the number alone (US numbers are mostly "fixed line or mobile"). */
    public static String lineType(String e164) {
        try {
            return UTIL.getNumberType(UTIL.parse(e164, "US")).name();
        } catch (NumberParseException e) {
            return "UNKNOWN";
        }
    }

    /** Twilio's test numbers (+1 500 555 xxxx) are not assigned, but the sandbox gives them meaning. */
    private static boolean isTestNumber(PhoneNumber n) {
        return n.getCountryCode() == 1 && String.valueOf(n.getNationalNumber()).startsWith("500555");
    }

    public static boolean looksLikePhone(String input) {
        return input != null && !input.contains("@") && input.chars().filter(Character::isDigit).count() >= 7;
    }
}

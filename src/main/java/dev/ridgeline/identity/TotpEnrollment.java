package dev.ridgeline.identity;

/**
 * A new authenticator secret to show once: as a QR code of {@code uri} and as {@code secret} for typing in. It
 * is stored only after the user proves their app makes matching codes.
 */
public record TotpEnrollment(String secret, String uri) {

    @Override
    public String toString() {
        return "TotpEnrollment[****]";
    }
}

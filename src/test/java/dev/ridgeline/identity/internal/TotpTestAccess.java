package dev.ridgeline.identity.internal;

import java.time.Instant;

/** Lets tests in other packages make authenticator codes. */
public final class TotpTestAccess {

    private TotpTestAccess() {
    }

    public static byte[] secret(String base32) {
        return Totp.fromBase32(base32);
    }

    public static String codeNow(byte[] secret) {
        return Totp.code(secret, Totp.step(Instant.now()), 6, "HmacSHA1");
    }
}

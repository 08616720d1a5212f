package dev.ridgeline.outreach.provider.telnyx;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * Telnyx webhook signatures: Ed25519, by the account's key, over {@code timestamp + "|" + raw body}, the timestamp
 * in {@code telnyx-timestamp} and the signature (base64) in {@code telnyx-signature-ed25519}. A request older or
 * newer than five minutes is refused even when signed: a replayed request is stale.
 */
final class TelnyxSignature {

    static final Duration TOLERANCE = Duration.ofMinutes(5);
    /** DER prefix that makes a raw 32-byte Ed25519 key an X.509 SubjectPublicKeyInfo. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private TelnyxSignature() {
    }

    /** The account's public key from its base64 form (the raw 32 bytes, or already X.509). */
    static PublicKey publicKey(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The public key is not base64");
        }
        byte[] spki = raw;
        if (raw.length == 32) {
            spki = new byte[SPKI_PREFIX.length + 32];
            System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
            System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, 32);
        }
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The public key is not an Ed25519 key (32 bytes, base64)");
        }
    }

    /** Why the request is refused, or null when it is signed and fresh. */
    static @Nullable String refusal(PublicKey key, @Nullable String timestamp, @Nullable String signature, byte[] body,
            Instant now) {
        if (timestamp == null || signature == null) {
            return "unsigned: telnyx-timestamp and telnyx-signature-ed25519 are required";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return "bad timestamp";
        }
        Instant at = Instant.ofEpochSecond(seconds);
        if (Duration.between(at, now).abs().compareTo(TOLERANCE) > 0) {
            return "stale: signed at " + at + ", more than 5 minutes from now";
        }
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initVerify(key);
            ed.update((timestamp.strip() + "|").getBytes(StandardCharsets.UTF_8));
            ed.update(body);
            return ed.verify(Base64.getDecoder().decode(signature.strip())) ? null : "bad signature";
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return "bad signature";
        }
    }
}

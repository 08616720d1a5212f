package dev.ridgeline.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpTests {

    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    /** RFC 6238 appendix B, SHA-1 rows (8 digits). */
    @ParameterizedTest
    @CsvSource({"59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
            "2000000000, 69279037", "20000000000, 65353130"})
    void matchesTheRfc6238TestVectors(long seconds, String expected) {
        assertThat(Totp.code(RFC_SECRET, seconds / 30, 8, "HmacSHA1")).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(longs = {-30, 0, 30})
    void acceptsOneStepOfClockDrift(long driftSeconds) {
        Instant now = Instant.parse("2026-11-26T12:00:10Z");
        String code = Totp.code(RFC_SECRET, Totp.step(now.plusSeconds(driftSeconds)), 6, "HmacSHA1");
        assertThat(Totp.matchingStep(RFC_SECRET, code, now)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(longs = {-90, 90})
    void rejectsCodesFurtherAway(long driftSeconds) {
        Instant now = Instant.parse("2026-11-26T12:00:10Z");
        String code = Totp.code(RFC_SECRET, Totp.step(now.plusSeconds(driftSeconds)), 6, "HmacSHA1");
        assertThat(Totp.matchingStep(RFC_SECRET, code, now)).isEmpty();
    }

    /** Base32 must round-trip every secret an authenticator app could be given. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 20261126})
    void base32RoundTripsRandomSecrets(long seed) {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        for (int i = 0; i < 200; i++) {
            byte[] secret = new byte[1 + random.nextInt(40)];
            random.nextBytes(secret);
            assertThat(Totp.fromBase32(Totp.base32(secret))).isEqualTo(secret);
        }
    }

    @ParameterizedTest
    @CsvSource({"'', ''", "f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB", "foobar, MZXW6YTBOI"})
    void base32MatchesRfc4648WithoutPadding(String text, String expected) {
        assertThat(Totp.base32(text.getBytes(StandardCharsets.US_ASCII))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"otpauth://totp/"})
    void uriCarriesIssuerAndSecret(String prefix) {
        String uri = Totp.uri("Ridgeline (Acme Roofing)", "owner@acme.test", RFC_SECRET);
        assertThat(uri).startsWith(prefix).contains("secret=" + Totp.base32(RFC_SECRET))
                .contains("issuer=Ridgeline%20%28Acme%20Roofing%29").contains("period=30").contains("digits=6");
    }
}

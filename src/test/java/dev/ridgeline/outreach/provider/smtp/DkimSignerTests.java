package dev.ridgeline.outreach.provider.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.ridgeline.outreach.DkimVerifier;

class DkimSignerTests {

    @Test
    void relaxedCanonicalizationIsTheExampleOfRfc6376() {
        // RFC 6376 3.4.5: "A: X", "B : Y<TAB>" folded "<TAB>Z  ", body " C ", "D <TAB> E", two empty lines.
        assertThat(DkimSigner.relaxedHeader("A", " X")).isEqualTo("a:X");
        assertThat(DkimSigner.relaxedHeader("B ", " Y\t\r\n\tZ  ")).isEqualTo("b:Y Z");
        assertThat(new String(DkimSigner.relaxedBody(" C \r\nD \t E\r\n\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                StandardCharsets.US_ASCII)).isEqualTo(" C\r\nD E\r\n");
        // An empty body hashes as nothing at all under relaxed (RFC 6376 3.4.4).
        assertThat(DkimSigner.bodyHash(new byte[0])).isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }

    @Test
    void aSignedMessageVerifiesAndOverSignsFrom() throws Exception {
        KeyPair keys = rsa(2048);
        String message = "From: Acme <office@acme.test>\r\nTo: pat@example.com\r\nSubject:  Hail  on your street\r\n"
                + "List-Unsubscribe: <https://x.test/u/t>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
                + "X-Not-Signed: 1\r\n\r\nHello   Pat \r\n\r\n";
        String header = new DkimSigner("acme.test", "s1", keys.getPrivate())
                .sign(message.getBytes(StandardCharsets.US_ASCII), Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(header.replace(";\r\n\t", "; ")).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=acme.test; s=s1; "
                + "t=1795687200; h=from:to:subject:list-unsubscribe:list-unsubscribe-post:from; bh=");
        String pub = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        assertThat(DkimVerifier.verify((header + message).getBytes(StandardCharsets.US_ASCII), pub).reason())
                .isEqualTo("pass");
        // Relaxed canonicalization forgives re-spacing on the way; an added From or an edited body does not pass.
        assertThat(DkimVerifier.verify((header + message.replace("Hello   Pat", "Hello Pat"))
                .getBytes(StandardCharsets.US_ASCII), pub).valid()).isTrue();
        assertThat(DkimVerifier.verify((header + "From: evil@x.test\r\n" + message).getBytes(StandardCharsets.US_ASCII),
                pub).valid()).isFalse();
        assertThat(DkimVerifier.verify((header + message.replace("Pat", "Sam")).getBytes(StandardCharsets.US_ASCII),
                pub).reason()).isEqualTo("body hash differs");
    }

    @Test
    void badKeysAndNamesAreRefusedClearly() throws Exception {
        assertThatThrownBy(() -> DkimSigner.rsaKeyFromPem("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"))
                .hasMessageContaining("PKCS#1");
        assertThatThrownBy(() -> DkimSigner.rsaKeyFromPem("not a key")).hasMessageContaining("not a PEM PKCS#8");
        assertThatThrownBy(() -> new DkimSigner("acme", "s1", rsa(2048).getPrivate())).hasMessageContaining("domain");
        assertThatThrownBy(() -> new DkimSigner("acme.test", "s 1", rsa(2048).getPrivate()))
                .hasMessageContaining("selector");
        assertThatThrownBy(() -> new DkimSigner("acme.test", "s1", rsa(512).getPrivate()))
                .hasMessageContaining("1024 bits");
    }

    private static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair();
    }
}

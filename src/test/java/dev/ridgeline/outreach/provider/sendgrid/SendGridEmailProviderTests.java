package dev.ridgeline.outreach.provider.sendgrid;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.connections.SecretValue;
import dev.ridgeline.outreach.EmailEnvelope;
import dev.ridgeline.outreach.FailureClass;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.ProviderException;
import dev.ridgeline.platform.TenantId;

/** Contract tests against a WireMock SendGrid answering as reference/PROVIDERS.md section 4 describes. */
class SendGridEmailProviderTests {

    static final WireMockServer api = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    final SendGridEmailProvider provider = new SendGridEmailProvider();

    @BeforeAll
    static void start() {
        api.start();
    }

    @AfterAll
    static void stop() {
        api.stop();
    }

    @BeforeEach
    void reset() {
        api.resetAll();
    }

    @Test
    void sendsTheDocumentedRequestAndTakesTheMessageIdHeader() {
        api.stubFor(post(urlPathEqualTo("/v3/mail/send")).willReturn(aResponse().withStatus(202)
                .withHeader("X-Message-Id", "14c5d75ce93.dfd.64b469")));
        UUID id = UUID.fromString("01a219f3-2fdf-71d1-a607-cd004bdf5bc4");
        var receipt = provider.send(envelope(id), account());
        assertThat(receipt.vendorId()).isEqualTo("14c5d75ce93.dfd.64b469");
        assertThat(receipt.status()).isEqualTo(MessageStatus.SENT);
        api.verify(postRequestedFor(urlPathEqualTo("/v3/mail/send"))
                .withHeader("Authorization", equalTo("Bearer SG.test-key"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"personalizations":[{"to":[{"email":"pat@example.com"}],
                          "custom_args":{"ridgeline_message_id":"01a219f3-2fdf-71d1-a607-cd004bdf5bc4"}}],
                         "from":{"email":"office@acme.test","name":"Acme Roofing"},
                         "subject":"Hail on your street",
                         "content":[{"type":"text/plain","value":"Hi Pat"}],
                         "headers":{"List-Unsubscribe-Post":"List-Unsubscribe=One-Click"},
                         "tracking_settings":{"click_tracking":{"enable":false},"open_tracking":{"enable":false},
                           "subscription_tracking":{"enable":false}}}""")));
    }

    @Test
    void answersAreClassifiedRetryableOrPermanent() {
        api.stubFor(post(urlPathEqualTo("/v3/mail/send")).willReturn(aResponse().withStatus(400).withBody(
                "{\"errors\":[{\"message\":\"The from address does not match a verified Sender Identity.\","
                        + "\"field\":\"from\",\"help\":null}]}")));
        assertThatThrownBy(() -> provider.send(envelope(UUID.randomUUID()), account()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.failureClass()).isEqualTo(FailureClass.PERMANENT);
                    assertThat(e.getMessage()).contains("does not match a verified Sender Identity. (from)");
                });
        assertFailure(401, FailureClass.PERMANENT, "auth");
        assertFailure(403, FailureClass.PERMANENT, "forbidden");
        assertFailure(413, FailureClass.PERMANENT, "too-large");
        assertFailure(429, FailureClass.RETRYABLE, "429");
        assertFailure(503, FailureClass.RETRYABLE, "503");
        // The API key never shows in an error.
        api.stubFor(post(urlPathEqualTo("/v3/mail/send")).willReturn(aResponse().withStatus(401)));
        assertThatThrownBy(() -> provider.send(envelope(UUID.randomUUID()), account()))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SG.test-key"));
    }

    @Test
    void theSignatureCheckIsSendGridsOwnTestVector() {
        // reference/PROVIDERS.md 4.4, recomputed from SendGrid's SDK test data.
        var key = SendGridEvents.publicKey("MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhd"
                + "bcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==");
        String body = "{\"category\":\"example_payload\",\"event\":\"test_event\",\"message_id\":\"message_id\"}";
        String signature = "MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0=";
        assertThat(SendGridEvents.verify(key, "1588788367", body.getBytes(StandardCharsets.UTF_8), signature)).isTrue();
        assertThat(SendGridEvents.verify(key, "1588788367", (body + "\n").getBytes(StandardCharsets.UTF_8), signature))
                .isFalse();
        assertThat(SendGridEvents.verify(key, "1588788368", body.getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(SendGridEvents.verify(key, "1588788367", body.getBytes(StandardCharsets.UTF_8), "not base64!"))
                .isFalse();
        assertThatThrownBy(() -> SendGridEvents.publicKey("garbage")).hasMessageContaining("not a base64 EC public key");
    }

    /** Signs as SendGrid does, for tests that need events of their own. */
    static String sign(KeyPair keys, String timestamp, String body) throws Exception {
        Signature ecdsa = Signature.getInstance("SHA256withECDSA");
        ecdsa.initSign(keys.getPrivate());
        ecdsa.update((timestamp + body).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(ecdsa.sign());
    }

    static KeyPair ecKeys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private void assertFailure(int status, FailureClass failureClass, String code) {
        api.stubFor(post(urlPathEqualTo("/v3/mail/send")).willReturn(aResponse().withStatus(status)
                .withHeader("Retry-After", "30")));
        assertThatThrownBy(() -> provider.send(envelope(UUID.randomUUID()), account()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.failureClass()).isEqualTo(failureClass);
                    assertThat(e.code()).isEqualTo(code);
                });
    }

    private static EmailEnvelope envelope(UUID id) {
        return new EmailEnvelope(id, "office@acme.test", "Acme Roofing", "pat@example.com", "Hail on your street",
                "Hi Pat", Map.of("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
    }

    private static ProviderAccount account() {
        return new ProviderAccount(new TenantId(UUID.randomUUID()), UUID.randomUUID(), "sendgrid",
                Map.of("fromAddress", "office@acme.test", "baseUrl", api.baseUrl()),
                name -> "apiKey".equals(name) ? Optional.of(new SecretValue("SG.test-key")) : Optional.empty());
    }
}

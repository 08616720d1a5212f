package dev.ridgeline.outreach.provider.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.internet.MimeMessage;

import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.connections.SecretValue;
import dev.ridgeline.outreach.EmailEnvelope;
import dev.ridgeline.outreach.FailureClass;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.ProviderException;
import dev.ridgeline.platform.TenantId;

/** Contract test of the SMTP adapter against a real SMTP server (GreenMail): exactly what the server receives. */
class SmtpEmailProviderTests {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP)
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("office@acme.test", "mailbox-password"));

    private final SmtpEmailProvider provider = new SmtpEmailProvider();

    @Test
    void sendsTheMessageWithOurMessageIdAndAuthenticates() throws Exception {
        UUID id = UUID.randomUUID();
        var receipt = provider.send(new EmailEnvelope(id, "office@acme.test", "Acme Roofing", "homeowner@example.com",
                "Your roof inspection", "Hi Pat,\nwe can come Tuesday.", Map.of("X-Ridgeline-Test", "yes")),
                account("mailbox-password"));

        assertThat(receipt.status()).isEqualTo(MessageStatus.SENT);
        assertThat(receipt.vendorId()).isEqualTo("<" + id + "@acme.test>");
        MimeMessage received = mail.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("Your roof inspection");
        assertThat(received.getFrom()[0].toString()).isEqualTo("Acme Roofing <office@acme.test>");
        assertThat(received.getAllRecipients()[0].toString()).isEqualTo("homeowner@example.com");
        assertThat(received.getMessageID()).isEqualTo("<" + id + "@acme.test>");
        assertThat(received.getHeader("X-Ridgeline-Test")[0]).isEqualTo("yes");
        assertThat(GreenMailUtil.getBody(received)).contains("we can come Tuesday.");
    }

    @Test
    void aRefusedPasswordIsAPermanentAuthFailure() {
        assertThatThrownBy(() -> provider.send(envelope(), account("wrong")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.failureClass()).isEqualTo(FailureClass.PERMANENT);
                    assertThat(e.code()).isEqualTo("auth");
                    assertThat(e.getMessage()).doesNotContain("wrong");
                });
    }

    @Test
    void anUnreachableServerIsRetryable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ProviderAccount unreachable = new ProviderAccount(new TenantId(UUID.randomUUID()), UUID.randomUUID(), "smtp",
                Map.of("host", "127.0.0.1", "port", String.valueOf(closedPort), "security", "NONE",
                        "fromAddress", "office@acme.test"), name -> Optional.empty());
        assertThatThrownBy(() -> provider.send(envelope(), unreachable))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.failureClass()).isEqualTo(FailureClass.RETRYABLE));
    }

    @Test
    void theConnectionTestSignsInWithoutSending() throws Exception {
        provider.check(account("mailbox-password"));
        assertThat(mail.getReceivedMessages()).isEmpty();
        var definition = new SmtpProviderDefinition(provider);
        assertThat(definition.check(account("mailbox-password")).ok()).isTrue();
        assertThat(definition.check(account("wrong")).ok()).isFalse();
    }

    private static EmailEnvelope envelope() {
        return new EmailEnvelope(UUID.randomUUID(), "office@acme.test", null, "homeowner@example.com", "Hi", "Body",
                Map.of());
    }

    private static ProviderAccount account(String password) {
        return new ProviderAccount(new TenantId(UUID.randomUUID()), UUID.randomUUID(), "smtp",
                Map.of("host", "127.0.0.1", "port", String.valueOf(ServerSetupTest.SMTP.getPort()), "security", "NONE",
                        "username", "office@acme.test", "fromAddress", "office@acme.test"),
                name -> "password".equals(name) ? Optional.of(new SecretValue(password)) : Optional.empty());
    }
}

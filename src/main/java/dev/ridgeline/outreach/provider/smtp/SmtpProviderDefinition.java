package dev.ridgeline.outreach.provider.smtp;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.ridgeline.connections.CheckResult;
import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.connections.ProviderDefinition;
import dev.ridgeline.connections.ProviderField;

/** The SMTP connection form and its "Test" button. */
@Component
class SmtpProviderDefinition implements ProviderDefinition {

    private final SmtpEmailProvider provider;

    SmtpProviderDefinition(SmtpEmailProvider provider) {
        this.provider = provider;
    }

    @Override
    public ConnectionType type() {
        return ConnectionType.EMAIL;
    }

    @Override
    public String providerId() {
        return SmtpEmailProvider.ID;
    }

    @Override
    public String displayName() {
        return "SMTP server";
    }

    @Override
    public String description() {
        return "Send through your own mail server or mailbox provider (Microsoft 365: smtp.office365.com:587; "
                + "Google Workspace: smtp.gmail.com:587 with an app password).";
    }

    @Override
    public List<ProviderField> settings() {
        return List.of(
                ProviderField.required("host", "Host", "e.g. smtp.office365.com"),
                ProviderField.required("port", "Port", "587 for STARTTLS, 465 for SSL"),
                ProviderField.optional("security", "Security", "STARTTLS (default), SSL or NONE"),
                ProviderField.optional("username", "Username", "usually the mailbox address"),
                ProviderField.required("fromAddress", "From address", "the address recipients see and reply to"),
                ProviderField.optional("fromName", "From name", "e.g. your company name"),
                ProviderField.optional("dkimDomain", "DKIM domain", "d= of the signature, the From address's domain "
                        + "for DMARC alignment, e.g. acmeroof.com"),
                ProviderField.optional("dkimSelector", "DKIM selector", "s=, e.g. ridgeline1: publish the public key "
                        + "at ridgeline1._domainkey.acmeroof.com (`email dkim-key` prints the record)"),
                ProviderField.optional("imapHost", "IMAP host (bounces)", "the mailbox bounces and unsubscribe mails "
                        + "come back to, read every 2 minutes with the same username and password"),
                ProviderField.optional("imapPort", "IMAP port", "993 for SSL (default), 143 for STARTTLS"),
                ProviderField.optional("imapSecurity", "IMAP security", "SSL (default), STARTTLS or NONE"),
                ProviderField.optional("dailyCap", "Daily cap", "marketing emails a day from this mailbox; 50 by "
                        + "default, as Gmail and Outlook mailboxes tolerate"),
                ProviderField.optional("warmUp", "Warm-up", "on (default): a new mailbox sends 10 a day at first, "
                        + "5 more each day up to the cap; off"));
    }

    @Override
    public List<ProviderField> secrets() {
        return List.of(ProviderField.optional("password", "Password", "the mailbox or app password"),
                ProviderField.optional("dkimPrivateKey", "DKIM private key", "PEM, PKCS#8 (BEGIN PRIVATE KEY), "
                        + "RSA 2048-bit"));
    }

    @Override
    public CheckResult check(ProviderAccount account) {
        try {
            SmtpEmailProvider.dkim(account);
        } catch (Exception e) {
            return CheckResult.failed(e.getMessage());
        }
        try {
            provider.check(account);
            return CheckResult.ok("Connected to " + account.setting("host").orElse("?") + " and signed in.");
        } catch (Exception e) {
            return CheckResult.failed("Could not connect or sign in: " + e.getMessage());
        }
    }
}

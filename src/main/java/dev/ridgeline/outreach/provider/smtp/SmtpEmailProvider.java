package dev.ridgeline.outreach.provider.smtp;

import java.util.Properties;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;

import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.outreach.EmailEnvelope;
import dev.ridgeline.outreach.EmailProvider;
import dev.ridgeline.outreach.FailureClass;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.ProviderException;
import dev.ridgeline.outreach.ProviderReceipt;
import dev.ridgeline.outreach.provider.MimeEmails;

/**
 * Sends through the company's own SMTP server (Microsoft 365, Google Workspace, a relay). The Message-ID is made
 * from our message id, so bounces that quote it can be matched later.
 */
@Component
public class SmtpEmailProvider implements EmailProvider {

    static final String ID = "smtp";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ProviderReceipt send(EmailEnvelope email, ProviderAccount account) {
        JavaMailSenderImpl sender = sender(account);
        String messageId = MimeEmails.messageId(email);
        try {
            MimeMessage mime = MimeEmails.build(sender.getSession(), email);
            sender.send(signed(mime, account, sender.getSession()));
            return new ProviderReceipt(messageId, MessageStatus.SENT, null);
        } catch (MessagingException e) {
            throw new ProviderException(FailureClass.PERMANENT, "invalid-message", "The email could not be built: " + e.getMessage(), e);
        } catch (MailAuthenticationException e) {
            throw new ProviderException(FailureClass.PERMANENT, "auth", "The SMTP server refused the username or password", e);
        } catch (MailSendException e) {
            throw classify(e);
        } catch (MailException e) {
            throw new ProviderException(FailureClass.RETRYABLE, "smtp", "SMTP error: " + e.getMessage(), e);
        }
    }

    /**
     * The message with a DKIM-Signature on top when the connection has a DKIM domain, selector and key; else the
     * message itself. The signed bytes are sent as they are: nothing may touch a header after signing.
     */
    static MimeMessage signed(MimeMessage mime, ProviderAccount account, jakarta.mail.Session session)
            throws MessagingException {
        java.util.Optional<DkimSigner> signer = dkim(account);
        if (signer.isEmpty()) {
            return mime;
        }
        try {
            mime.saveChanges();
            java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
            mime.writeTo(raw);
            String signature = signer.get().sign(raw.toByteArray(), java.time.Instant.now());
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(raw.size() + signature.length());
            out.writeBytes(signature.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.writeBytes(raw.toByteArray());
            return new SealedMimeMessage(session, out.toByteArray());
        } catch (java.io.IOException e) {
            throw new MessagingException("DKIM signing failed: " + e.getMessage(), e);
        }
    }

    /** The connection's DKIM signer; empty when DKIM is not set up. Fails clearly on a half or broken set-up. */
    static java.util.Optional<DkimSigner> dkim(ProviderAccount account) {
        var domain = account.setting("dkimDomain");
        var selector = account.setting("dkimSelector");
        var key = account.secret("dkimPrivateKey");
        if (domain.isEmpty() && selector.isEmpty() && key.isEmpty()) {
            return java.util.Optional.empty();
        }
        if (domain.isEmpty() || selector.isEmpty() || key.isEmpty()) {
            throw new ProviderException(FailureClass.PERMANENT, "config", "DKIM needs all three of domain, selector "
                    + "and private key; set the missing one or clear them all");
        }
        try {
            return java.util.Optional.of(new DkimSigner(domain.get(), selector.get(),
                    DkimSigner.rsaKeyFromPem(key.get().reveal())));
        } catch (IllegalArgumentException e) {
            throw new ProviderException(FailureClass.PERMANENT, "config", e.getMessage(), e);
        }
    }

    /** Opens a connection and authenticates, sending nothing. */
    void check(ProviderAccount account) throws MessagingException {
        sender(account).testConnection();
    }

    static JavaMailSenderImpl sender(ProviderAccount account) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(account.setting("host").orElseThrow(() -> new ProviderException(FailureClass.PERMANENT,
                "config", "The SMTP connection has no host")));
        sender.setPort(Integer.parseInt(account.setting("port").orElse("587")));
        account.setting("username").ifPresent(sender::setUsername);
        account.secret("password").ifPresent(p -> sender.setPassword(p.reveal()));
        String security = account.setting("security").orElse("STARTTLS").toUpperCase();
        Properties props = sender.getJavaMailProperties();
        props.put("mail.smtp.auth", String.valueOf(account.setting("username").isPresent()));
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "20000");
        props.put("mail.smtp.writetimeout", "20000");
        switch (security) {
            case "SSL" -> {
                sender.setProtocol("smtps");
                props.put("mail.smtps.auth", props.get("mail.smtp.auth"));
            }
            case "STARTTLS" -> props.put("mail.smtp.starttls.required", "true");
            case "NONE" -> props.put("mail.smtp.starttls.enable", "false");
            default -> throw new ProviderException(FailureClass.PERMANENT, "config",
                    "Security must be STARTTLS, SSL or NONE, not " + security);
        }
        if ("STARTTLS".equals(security)) {
            props.put("mail.smtp.starttls.enable", "true");
        }
        return sender;
    }

    private static ProviderException classify(MailSendException e) {
        for (Exception failed : e.getFailedMessages().values()) {
            if (failed instanceof SendFailedException sfe && sfe.getInvalidAddresses() != null
                    && sfe.getInvalidAddresses().length > 0) {
                return new ProviderException(FailureClass.PERMANENT, "recipient-rejected",
                        "The SMTP server rejected the recipient: " + sfe.getMessage(), e);
            }
        }
        return new ProviderException(FailureClass.RETRYABLE, "smtp-unavailable",
                "The SMTP server could not be reached or refused the message: " + e.getMessage(), e);
    }

    /** A finished (signed) message: saving it again changes nothing, so the bytes sent are the bytes signed. */
    private static final class SealedMimeMessage extends MimeMessage {

        SealedMimeMessage(jakarta.mail.Session session, byte[] raw) throws MessagingException {
            super(session, new java.io.ByteArrayInputStream(raw));
        }

        @Override
        protected void updateHeaders() {
            // Sealed.
        }

        @Override
        protected void updateMessageID() {
            // Sealed.
        }
    }
}

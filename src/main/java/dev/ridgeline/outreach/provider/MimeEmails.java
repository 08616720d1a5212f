package dev.ridgeline.outreach.provider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import dev.ridgeline.outreach.EmailEnvelope;
import dev.ridgeline.outreach.FailureClass;
import dev.ridgeline.outreach.ProviderException;

/**
 * Our emails as RFC 5322 messages, for every adapter that hands over a whole message (SMTP, Gmail's raw send, Graph's
 * MIME send): From, To, Subject, our headers (List-Unsubscribe, ...), plain text with an HTML alternative, and a
 * Message-ID made from our message id, so bounces and replies that quote it are matched later.
 */
public final class MimeEmails {

    private static final Session SESSION = Session.getInstance(new Properties());

    private MimeEmails() {
    }

    /** The Message-ID of an email: our id at the sender's domain. */
    public static String messageId(EmailEnvelope email) {
        String from = email.fromAddress();
        int at = from.lastIndexOf('@');
        return "<" + email.messageId() + "@" + (at < 0 ? "ridgeline.local" : from.substring(at + 1)) + ">";
    }

    public static MimeMessage build(EmailEnvelope email) throws MessagingException {
        return build(SESSION, email);
    }

    public static MimeMessage build(Session session, EmailEnvelope email) throws MessagingException {
        MimeMessage mime = new FixedIdMimeMessage(session, messageId(email));
        try {
            mime.setFrom(email.fromName() == null ? new InternetAddress(email.fromAddress())
                    : new InternetAddress(email.fromAddress(), email.fromName(), "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("UTF-8 is not supported", e);
        }
        mime.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(email.to(), true));
        mime.setSubject(email.subject(), "UTF-8");
        if (email.htmlBody() == null) {
            mime.setText(email.textBody(), "UTF-8");
        } else {
            // Plain text first, HTML last: a mail reader shows the last part it understands.
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(email.textBody(), "UTF-8");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(email.htmlBody(), "UTF-8", "html");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            mime.setContent(alternative);
        }
        for (var header : email.headers().entrySet()) {
            mime.setHeader(header.getKey(), header.getValue());
        }
        mime.setSentDate(new java.util.Date());
        mime.saveChanges();
        return mime;
    }

    /** The message's bytes as sent; a message that cannot be written is a permanent failure of that send. */
    public static byte[] bytes(EmailEnvelope email) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            build(email).writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new ProviderException(FailureClass.PERMANENT, "invalid-message",
                    "The email could not be built: " + e.getMessage(), e);
        }
    }

    /** Jakarta Mail replaces Message-ID on save unless told otherwise. */
    private static final class FixedIdMimeMessage extends MimeMessage {

        private final String messageId;

        FixedIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}

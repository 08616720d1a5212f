package dev.ridgeline.outreach.provider.graph;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.ridgeline.connections.OAuthGrant;
import dev.ridgeline.connections.OAuthTokens;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.outreach.EmailEnvelope;
import dev.ridgeline.outreach.EmailProvider;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.ProviderReceipt;
import dev.ridgeline.outreach.provider.MailboxApi;
import dev.ridgeline.outreach.provider.MimeEmails;

/**
 * Sends as the company's own Outlook or Microsoft 365 mailbox through Microsoft Graph's {@code /me/sendMail}, in
 * its MIME form (the whole message base64-encoded, {@code Content-Type: text/plain}): the JSON form accepts only
 * {@code X-} headers, and List-Unsubscribe must go out as it is. Graph answers 202 with no id, so the message is
 * known by our own Message-ID.
 */
@Component
public class GraphEmailProvider implements EmailProvider {

    public static final String ID = "outlook";
    static final String SEND = "https://graph.microsoft.com/Mail.Send";
    static final String READ = "https://graph.microsoft.com/Mail.Read";
    /** Send, read the inbox (delta queries, notifications), and know who signed in. */
    public static final OAuthGrant GRANT = new OAuthGrant("microsoft", List.of("openid", "email", "offline_access",
            SEND, READ, "https://graph.microsoft.com/User.Read"), List.of(SEND, READ));

    private final MailboxApi api;

    GraphEmailProvider(OAuthTokens tokens) {
        this.api = new MailboxApi(tokens, GRANT, "Microsoft Graph");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ProviderReceipt send(EmailEnvelope email, ProviderAccount account) {
        byte[] mime = Base64.getEncoder().encode(MimeEmails.bytes(email));
        api.call(account, "POST", "/v1.0/me/sendMail", "text/plain", mime);
        return new ProviderReceipt(MimeEmails.messageId(email), MessageStatus.SENT, null);
    }

    MailboxApi api() {
        return api;
    }

    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}

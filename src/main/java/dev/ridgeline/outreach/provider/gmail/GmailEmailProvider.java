package dev.ridgeline.outreach.provider.gmail;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.ridgeline.connections.OAuthGrant;
import dev.ridgeline.connections.OAuthTokens;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.outreach.EmailEnvelope;
import dev.ridgeline.outreach.EmailProvider;
import dev.ridgeline.outreach.FailureClass;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.ProviderException;
import dev.ridgeline.outreach.ProviderReceipt;
import dev.ridgeline.outreach.provider.MailboxApi;
import dev.ridgeline.outreach.provider.MimeEmails;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends as the company's own Gmail or Google Workspace mailbox with {@code users.messages.send}: the whole message,
 * our headers included, base64url-encoded in {@code raw}. Google signs it with the mailbox's own DKIM key; the
 * answer's message id (as address/id) and thread id are kept, the thread id to match replies in that conversation.
 */
@Component
public class GmailEmailProvider implements EmailProvider {

    public static final String ID = "gmail";
    static final String SEND = "https://www.googleapis.com/auth/gmail.send";
    static final String READ = "https://www.googleapis.com/auth/gmail.readonly";
    /** Send, and read the inbox for replies and bounces (the history API needs a read scope). */
    public static final OAuthGrant GRANT = new OAuthGrant("google", List.of("openid", "email", SEND, READ),
            List.of(SEND, READ));

    private final MailboxApi api;
    private final JsonMapper json = JsonMapper.builder().build();

    GmailEmailProvider(OAuthTokens tokens) {
        this.api = new MailboxApi(tokens, GRANT, "Gmail");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ProviderReceipt send(EmailEnvelope email, ProviderAccount account) {
        String raw = Base64.getUrlEncoder().withoutPadding().encodeToString(MimeEmails.bytes(email));
        byte[] body = json.writeValueAsBytes(Map.of("raw", raw));
        var response = api.call(account, "POST", "/gmail/v1/users/me/messages/send", "application/json", body);
        JsonNode answer = json.readTree(new String(response.body(), StandardCharsets.UTF_8));
        String id = answer.path("id").asString("");
        if (id.isEmpty()) {
            throw new ProviderException(FailureClass.RETRYABLE, "bad-answer", "Gmail accepted the message but "
                    + "answered no id");
        }
        // Gmail's ids are unique within a mailbox only: kept with the mailbox's address.
        return new ProviderReceipt(email.fromAddress() + "/" + id, MessageStatus.SENT, null,
                answer.path("threadId").asString(null));
    }

    MailboxApi api() {
        return api;
    }
}

package dev.ridgeline.outreach.provider.gmail;

import java.nio.charset.StandardCharsets;

import org.springframework.stereotype.Component;

import dev.ridgeline.connections.CheckResult;
import dev.ridgeline.connections.OAuthTokens;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.outreach.ProviderException;
import dev.ridgeline.outreach.provider.OAuthMailboxDefinition;
import tools.jackson.databind.json.JsonMapper;

/** Gmail and Google Workspace mailboxes, connected by signing in at Google. */
@Component
class GmailProviderDefinition extends OAuthMailboxDefinition {

    private final GmailEmailProvider provider;
    private final OAuthTokens tokens;

    GmailProviderDefinition(GmailEmailProvider provider, OAuthTokens tokens) {
        super(GmailEmailProvider.GRANT, "the Google account signed in, or one of its verified send-as aliases");
        this.provider = provider;
        this.tokens = tokens;
    }

    @Override
    public String providerId() {
        return GmailEmailProvider.ID;
    }

    @Override
    public String displayName() {
        return "Gmail";
    }

    @Override
    public String description() {
        return "Send as a rep's or the office's own Gmail or Google Workspace address, signed in at Google. Replies "
                + "and bounces are read from its inbox. Google allows about 500 recipients a day on @gmail.com and "
                + "2,000 on Workspace; Ridgeline keeps marketing email to 50 a day per mailbox unless you change it.";
    }

    @Override
    public CheckResult check(ProviderAccount account) {
        try {
            var response = provider.api().call(account, "GET", "/gmail/v1/users/me/profile", null, null);
            var profile = JsonMapper.builder().build().readTree(new String(response.body(), StandardCharsets.UTF_8));
            return CheckResult.ok("Signed in to Gmail as " + profile.path("emailAddress").asString("?") + " ("
                    + profile.path("messagesTotal").asLong() + " messages).");
        } catch (ProviderException e) {
            return CheckResult.failed(e.getMessage());
        }
    }

    @Override
    public void disconnect(ProviderAccount account) {
        tokens.revoke(account, GmailEmailProvider.GRANT);
    }
}

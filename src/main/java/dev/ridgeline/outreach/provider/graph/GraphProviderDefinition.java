package dev.ridgeline.outreach.provider.graph;

import org.springframework.stereotype.Component;

import dev.ridgeline.connections.CheckResult;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.outreach.ProviderException;
import dev.ridgeline.outreach.provider.OAuthMailboxDefinition;
import tools.jackson.databind.json.JsonMapper;

/** Outlook and Microsoft 365 mailboxes, connected by signing in at Microsoft. */
@Component
class GraphProviderDefinition extends OAuthMailboxDefinition {

    private final GraphEmailProvider provider;
    private final GraphSubscriptions subscriptions;

    GraphProviderDefinition(GraphEmailProvider provider, GraphSubscriptions subscriptions) {
        super(GraphEmailProvider.GRANT, "the Microsoft account signed in");
        this.provider = provider;
        this.subscriptions = subscriptions;
    }

    @Override
    public String providerId() {
        return GraphEmailProvider.ID;
    }

    @Override
    public String displayName() {
        return "Outlook";
    }

    @Override
    public String description() {
        return "Send as an Outlook or Microsoft 365 address, signed in at Microsoft; replies and bounces are read "
                + "from its inbox. Exchange Online allows 30 messages a minute and 10,000 recipients a day; Ridgeline "
                + "keeps marketing email to 50 a day per mailbox unless you change it.";
    }

    @Override
    public CheckResult check(ProviderAccount account) {
        try {
            var response = provider.api().call(account, "GET", "/v1.0/me?$select=mail,userPrincipalName", null, null);
            var me = JsonMapper.builder().build().readTree(GraphEmailProvider.text(response.body()));
            return CheckResult.ok("Signed in to Microsoft 365 as " + me.path("mail").asString(
                    me.path("userPrincipalName").asString("?")) + ".");
        } catch (ProviderException e) {
            return CheckResult.failed(e.getMessage());
        }
    }

    /** Microsoft has no endpoint to revoke one app's token: the subscription is deleted, the tokens forgotten. */
    @Override
    public void disconnect(ProviderAccount account) {
        subscriptions.delete(account);
    }
}

package dev.ridgeline.outreach.provider.graph;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.ridgeline.connections.CheckResult;
import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.OAuthGrant;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.connections.ProviderDefinition;
import dev.ridgeline.connections.ProviderField;
import dev.ridgeline.outreach.ProviderException;
import tools.jackson.databind.json.JsonMapper;

/** Outlook and Microsoft 365 mailboxes, connected by signing in at Microsoft. */
@Component
class GraphProviderDefinition implements ProviderDefinition {

    private final GraphEmailProvider provider;
    private final GraphSubscriptions subscriptions;

    GraphProviderDefinition(GraphEmailProvider provider, GraphSubscriptions subscriptions) {
        this.provider = provider;
        this.subscriptions = subscriptions;
    }

    @Override
    public ConnectionType type() {
        return ConnectionType.EMAIL;
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
    public List<ProviderField> settings() {
        return List.of(
                ProviderField.required("fromAddress", "From address", "the Microsoft account signed in"),
                ProviderField.optional("fromName", "From name", "e.g. Mike at Acme Roofing"),
                ProviderField.optional("dailyCap", "Daily cap", "marketing emails a day; 50 by default"),
                ProviderField.optional("warmUp", "Warm-up", "on (default): 10 a day at first, 5 more each day; off"));
    }

    @Override
    public List<ProviderField> secrets() {
        return List.of();
    }

    @Override
    public Optional<OAuthGrant> oauth() {
        return Optional.of(GraphEmailProvider.GRANT);
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

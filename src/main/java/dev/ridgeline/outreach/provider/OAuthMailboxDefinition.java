package dev.ridgeline.outreach.provider;

import java.util.List;
import java.util.Optional;

import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.OAuthGrant;
import dev.ridgeline.connections.ProviderDefinition;
import dev.ridgeline.connections.ProviderField;

/**
 * What a mailbox connected by signing in (Gmail, Outlook) has on its form: the address it sends as, a name, and the
 * deliverability guards; no secrets, since the vendor's tokens come from the consent, not from a person typing.
 */
public abstract class OAuthMailboxDefinition implements ProviderDefinition {

    private final OAuthGrant grant;
    private final String accountHint;

    protected OAuthMailboxDefinition(OAuthGrant grant, String accountHint) {
        this.grant = grant;
        this.accountHint = accountHint;
    }

    @Override
    public ConnectionType type() {
        return ConnectionType.EMAIL;
    }

    @Override
    public List<ProviderField> settings() {
        return List.of(
                ProviderField.required("fromAddress", "From address", accountHint),
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
        return Optional.of(grant);
    }
}

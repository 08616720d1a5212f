package dev.ridgeline.connections;

import java.util.List;
import java.util.Optional;

/**
 * A provider an owner can connect, contributed as a bean by the module holding its adapter, so the connection
 * forms list exactly the vendors this build can use.
 */
public interface ProviderDefinition {

    ConnectionType type();

    /** The stable provider id stored on every row the provider produces: {@code sandbox}, {@code smtp}, ... */
    String providerId();

    String displayName();

    /** One or two sentences: what it is, what it costs, what to prepare. */
    String description();

    List<ProviderField> settings();

    List<ProviderField> secrets();

    /** Tests the account against the provider (authenticate, no message sent). */
    CheckResult check(ProviderAccount account);

    /** Present when the connection is made by OAuth consent at the vendor rather than by typing secrets. */
    default Optional<OAuthGrant> oauth() {
        return Optional.empty();
    }

    /**
     * Called before a connection is removed, to give back what the vendor granted (revoke an OAuth token). A failure
     * is reported but does not keep the connection.
     */
    default void disconnect(ProviderAccount account) {
    }
}

package dev.ridgeline.connections;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import dev.ridgeline.platform.TenantId;

/**
 * What an adapter needs to call its vendor for one tenant: settings in the clear, secrets decrypted on demand.
 * The sandbox account stands in when a tenant has no connection for a type.
 */
public final class ProviderAccount {

    private final TenantId tenantId;
    private final UUID connectionId;
    private final String providerId;
    private final Map<String, String> settings;
    private final Function<String, Optional<SecretValue>> secrets;

    public ProviderAccount(TenantId tenantId, UUID connectionId, String providerId, Map<String, String> settings,
            Function<String, Optional<SecretValue>> secrets) {
        this.tenantId = tenantId;
        this.connectionId = connectionId;
        this.providerId = providerId;
        this.settings = Map.copyOf(settings);
        this.secrets = secrets;
    }

    /** The default when nothing is connected: the sandbox, with no settings or secrets. */
    public static ProviderAccount sandbox(TenantId tenantId) {
        return new ProviderAccount(tenantId, new UUID(0, 0), "sandbox", Map.of(), name -> Optional.empty());
    }

    public TenantId tenantId() {
        return tenantId;
    }

    public UUID connectionId() {
        return connectionId;
    }

    public String providerId() {
        return providerId;
    }

    public Map<String, String> settings() {
        return settings;
    }

    public Optional<String> setting(String name) {
        return Optional.ofNullable(settings.get(name)).filter(s -> !s.isBlank());
    }

    public Optional<SecretValue> secret(String name) {
        return secrets.apply(name);
    }

    /** The secret or an exception naming the connection and field (never the value). */
    public SecretValue requireSecret(String name) {
        return secret(name).orElseThrow(() -> new IllegalStateException(
                "Connection " + connectionId + " (" + providerId + ") has no secret '" + name + "'"));
    }

    @Override
    public String toString() {
        return "ProviderAccount[" + providerId + ", connection " + connectionId + ", settings=" + settings.keySet() + "]";
    }
}

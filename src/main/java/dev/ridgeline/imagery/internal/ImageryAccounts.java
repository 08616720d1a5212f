package dev.ridgeline.imagery.internal;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.platform.TenantId;

/** A company's active imagery connection of one provider (several may be active: Google and Mapillary together). */
@Component
public class ImageryAccounts {

    private final ConnectionsService connections;

    ImageryAccounts(ConnectionsService connections) {
        this.connections = connections;
    }

    public Optional<ProviderAccount> account(TenantId tenant, String providerId) {
        return connections.activeAccounts(tenant, ConnectionType.IMAGERY).stream()
                .filter(a -> a.providerId().equals(providerId)).findFirst();
    }
}

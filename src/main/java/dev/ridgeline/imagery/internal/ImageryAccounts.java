package dev.ridgeline.imagery.internal;

import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.platform.TenantId;

/**
 * A company's active imagery connection of one provider (several may be active: Google and Mapillary together).
 * The connections service is looked up when first asked, as it lists the connection forms these sources provide.
 */
@Component
public class ImageryAccounts {

    private final ObjectProvider<ConnectionsService> connections;

    ImageryAccounts(ObjectProvider<ConnectionsService> connections) {
        this.connections = connections;
    }

    public Optional<ProviderAccount> account(TenantId tenant, String providerId) {
        return connections.getObject().activeAccounts(tenant, ConnectionType.IMAGERY).stream()
                .filter(a -> a.providerId().equals(providerId)).findFirst();
    }
}

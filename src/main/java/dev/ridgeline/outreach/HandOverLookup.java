package dev.ridgeline.outreach;

import java.util.Optional;
import java.util.UUID;

import dev.ridgeline.connections.ProviderAccount;

/**
 * A provider that can say whether it already holds a message, implemented by those whose API can answer it. When a
 * node stops between handing a message over and recording the answer, recovery asks: a message the provider holds
 * is recorded as accepted, one it does not is handed over again; with a provider that cannot answer, the message is
 * marked failed with its outcome unknown rather than risk sending it twice.
 */
public interface HandOverLookup {

    /** The provider's receipt for the message, if it holds it. */
    Optional<ProviderReceipt> handedOver(UUID messageId, ProviderAccount account);
}

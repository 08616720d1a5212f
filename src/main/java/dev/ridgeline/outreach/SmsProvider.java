package dev.ridgeline.outreach;

import dev.ridgeline.connections.ProviderAccount;

/** Sends text messages through one vendor. */
public interface SmsProvider {

    String id();

    /** @throws ProviderException classified as retryable or permanent, with the vendor's error code */
    ProviderReceipt send(SmsEnvelope sms, ProviderAccount account);
}

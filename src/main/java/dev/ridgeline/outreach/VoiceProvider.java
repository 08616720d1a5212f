package dev.ridgeline.outreach;

import dev.ridgeline.connections.ProviderAccount;

/** Places outbound calls through one vendor; ringing, answer and hang-up arrive as status callbacks. */
public interface VoiceProvider {

    String id();

    /** @throws ProviderException classified as retryable or permanent */
    ProviderReceipt placeCall(CallEnvelope call, ProviderAccount account);
}

package dev.ridgeline.outreach;

import dev.ridgeline.connections.ProviderAccount;

/** Places outbound calls through one vendor; ringing, answer and hang-up arrive as status callbacks. */
public interface VoiceProvider {

    String id();

    /** @throws ProviderException classified as retryable or permanent */
    ProviderReceipt placeCall(CallEnvelope call, ProviderAccount account);

    /**
     * Changes what a call in progress does: {@code instructions} in the provider's own language (TwiML for Twilio),
     * such as a voicemail left after the beep.
     *
     * @throws ProviderException when the provider cannot, or refuses
     */
    default void updateCall(String vendorId, String instructions, ProviderAccount account) {
        throw new ProviderException(FailureClass.PERMANENT, "unsupported", id() + " cannot change a call in progress");
    }
}

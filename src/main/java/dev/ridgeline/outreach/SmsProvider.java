package dev.ridgeline.outreach;

import dev.ridgeline.connections.ProviderAccount;

/** Sends text messages through one vendor. */
public interface SmsProvider {

    /** A media file an inbound text carried, as downloaded. */
    record FetchedMedia(String contentType, byte[] bytes) {
    }

    String id();

    /** @throws ProviderException classified as retryable or permanent, with the vendor's error code */
    ProviderReceipt send(SmsEnvelope sms, ProviderAccount account);

    /** Hands over many texts through one account, an answer for each in order; one at a time unless overridden. */
    default java.util.List<Handover> sendAll(java.util.List<SmsEnvelope> texts, ProviderAccount account) {
        return texts.stream().map(t -> Handover.of(() -> send(t, account))).toList();
    }

    /**
     * Downloads a picture or file an inbound text announced, with the account's credentials where the vendor needs
     * them, refusing more than {@code maxBytes} and any address that is not the vendor's.
     *
     * @throws ProviderException retryable (unreachable, 5xx) or permanent (gone, too large, not the vendor's)
     */
    default FetchedMedia fetchMedia(String url, ProviderAccount account, int maxBytes) {
        throw new ProviderException(FailureClass.PERMANENT, "unsupported", id() + " texts carry no media");
    }
}

package dev.ridgeline.outreach;

import dev.ridgeline.connections.ProviderAccount;

/** Sends email through one vendor. One adapter per vendor, selected by the tenant's email connection. */
public interface EmailProvider {

    /** The stable provider id, as in the connection and on every message row. */
    String id();

    /**
     * Hands the email to the vendor. Returns once the vendor accepted it; delivery, bounces and complaints arrive
     * later through {@link OutreachService#recordStatus}.
     *
     * @throws ProviderException classified as retryable or permanent
     */
    ProviderReceipt send(EmailEnvelope email, ProviderAccount account);

    /**
     * Hands over many emails through one account, an answer for each in order. One at a time unless the provider can
     * do better (the sandbox records a batch in two statements).
     */
    default java.util.List<Handover> sendAll(java.util.List<EmailEnvelope> emails, ProviderAccount account) {
        return emails.stream().map(e -> Handover.of(() -> send(e, account))).toList();
    }
}

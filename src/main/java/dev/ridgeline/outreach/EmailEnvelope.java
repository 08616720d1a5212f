package dev.ridgeline.outreach;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An email ready for a provider. {@code messageId} is our id: adapters pass it as the vendor's idempotency key or
 * custom argument, so status callbacks and retries can be matched to the message.
 */
public record EmailEnvelope(UUID messageId, String fromAddress, @Nullable String fromName, String to, String subject,
        String textBody, Map<String, String> headers, @Nullable String htmlBody) {

    /** A plain-text email. */
    public EmailEnvelope(UUID messageId, String fromAddress, @Nullable String fromName, String to, String subject,
            String textBody, Map<String, String> headers) {
        this(messageId, fromAddress, fromName, to, subject, textBody, headers, null);
    }
}

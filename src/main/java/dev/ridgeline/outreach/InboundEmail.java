package dev.ridgeline.outreach;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An email that arrived for the company, as a mailbox reader or a provider hands it over.
 *
 * @param messageId its own Message-ID, to take it once
 * @param inReplyTo and {@code references}: the Message-IDs it answers, which name ours
 * @param thread the vendor's conversation it arrived in, when read through a mailbox API (Gmail, Graph)
 */
public record InboundEmail(String from, @Nullable String subject, String text, @Nullable String messageId,
        @Nullable String inReplyTo, List<String> references, Instant receivedAt, String source,
        @Nullable VendorThread thread) {

    /** A conversation at a vendor: the provider id and its thread or conversation id. */
    public record VendorThread(String providerId, String threadId) {
    }

    public InboundEmail {
        references = List.copyOf(references);
    }

    public InboundEmail(String from, @Nullable String subject, String text, @Nullable String messageId,
            @Nullable String inReplyTo, List<String> references, Instant receivedAt, String source) {
        this(from, subject, text, messageId, inReplyTo, references, receivedAt, source, null);
    }

    @Override
    public String toString() {
        return "InboundEmail[" + messageId + " via " + source + "]";
    }
}

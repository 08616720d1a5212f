package dev.ridgeline.outreach;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An email that arrived for the company, as a mailbox reader or a provider hands it over.
 *
 * @param messageId its own Message-ID, to take it once
 * @param inReplyTo and {@code references}: the Message-IDs it answers, which name ours
 */
public record InboundEmail(String from, @Nullable String subject, String text, @Nullable String messageId,
        @Nullable String inReplyTo, List<String> references, Instant receivedAt, String source) {

    public InboundEmail {
        references = List.copyOf(references);
    }

    @Override
    public String toString() {
        return "InboundEmail[" + messageId + " via " + source + "]";
    }
}

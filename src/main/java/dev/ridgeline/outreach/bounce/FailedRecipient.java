package dev.ridgeline.outreach.bounce;

import org.jspecify.annotations.Nullable;

/**
 * One recipient a report is about.
 *
 * @param recipient the address, lower case; null for an auto-reply or a message that reports nothing
 * @param status the RFC 3463 enhanced status code ("5.1.1"), or null when the report gives none
 * @param replyCode the SMTP reply code ("550"), or null
 * @param hard the address is permanently bad and must be suppressed
 * @param diagnostic the receiving system's own words, shortened
 */
public record FailedRecipient(@Nullable String recipient, @Nullable String status, @Nullable String replyCode,
        BounceReason reason, boolean hard, @Nullable String diagnostic) {

    /** A 4.x.x status: the receiver may take the message later. */
    public boolean transientFailure() {
        return status != null && status.startsWith("4");
    }
}

package dev.ridgeline.outreach.bounce;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What one returned message says.
 *
 * @param recipients one entry per recipient reported on; for an auto-reply or a message that is not a report, one
 *     entry with a null recipient
 * @param originalMessageId the Message-ID of the message that failed, when the report quotes it (to match it)
 */
public record BounceReport(Kind kind, List<FailedRecipient> recipients, @Nullable String originalMessageId) {

    public enum Kind {
        /** Delivery failed or was delayed for the recipients listed. */
        BOUNCE,
        /** A delivery status notification of success (delivered, relayed). */
        DELIVERED,
        /** An automatic reply (vacation, out of office, RFC 3834). */
        AUTO_REPLY,
        /** A complaint report (ARF, RFC 5965): the recipient marked the message as spam. */
        COMPLAINT,
        /** Neither: a person's message, or mail that reports nothing. */
        NOT_A_REPORT
    }

    public BounceReport {
        recipients = List.copyOf(recipients);
    }
}

package dev.ridgeline.outreach;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An address a company must not email, and why.
 *
 * @param source where it came from: "one-click", "preference page", "imap bounce", "sendgrid", a user's email
 * @param messageId the message that led to it, when known
 */
public record Suppression(String address, SuppressionReason reason, String source, @Nullable String detail,
        @Nullable UUID messageId, Instant createdAt) {
}

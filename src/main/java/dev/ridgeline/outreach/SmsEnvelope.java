package dev.ridgeline.outreach;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A text ready for a provider; numbers are E.164. */
public record SmsEnvelope(UUID messageId, @Nullable String from, String to, String body,
        @Nullable String statusCallbackUrl) {
}

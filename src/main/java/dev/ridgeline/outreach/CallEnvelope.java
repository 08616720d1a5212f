package dev.ridgeline.outreach;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** An outbound call ready for a provider: who, from which number, and what the call should say or do. */
public record CallEnvelope(UUID messageId, @Nullable String from, String to, String script,
        @Nullable String statusCallbackUrl) {
}

package dev.ridgeline.outreach;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One step in a message's history. */
public record StatusChange(MessageStatus status, @Nullable String detail, Instant occurredAt) {
}

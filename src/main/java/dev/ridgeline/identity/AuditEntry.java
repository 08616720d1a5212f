package dev.ridgeline.identity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One line of the audit log. */
public record AuditEntry(Instant occurredAt, String action, String summary, @Nullable String actorName,
        @Nullable String ip) {
}

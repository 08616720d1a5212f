package dev.ridgeline.sequences;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.UserId;

/** Work a sequence gave a person: what, for which lead, by when. */
public record RepTask(UUID id, UUID leadId, @Nullable UserId assignee, TaskKind kind, String title, Instant dueAt) {
}

package dev.ridgeline.leads;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.UserId;

/** One line of a lead's timeline: created, assigned, moved, a note. */
public record LeadActivity(String kind, String text, @Nullable UserId actorId, @Nullable String actorName,
        Instant occurredAt) {

    LeadActivity withActorName(@Nullable String name) {
        return new LeadActivity(kind, text, actorId, name, occurredAt);
    }
}

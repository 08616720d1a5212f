package dev.ridgeline.outreach;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A reply in the Inbox, with the message it answers. */
public record Reply(UUID id, Channel channel, @Nullable UUID messageId, String from, @Nullable String subject,
        String body, Instant receivedAt, @Nullable Instant readAt, String source) {

    /** The first line or so, for the list. */
    public String snippet() {
        String s = body.replaceAll("\\s+", " ").strip();
        return s.length() <= 140 ? s : s.substring(0, 139) + "…";
    }
}

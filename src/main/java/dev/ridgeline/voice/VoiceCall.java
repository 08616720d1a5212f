package dev.ridgeline.voice;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.voice.agent.QualificationAgent;

/**
 * An AI call to a lead as the pages show it.
 *
 * @param status the call's progress: queued, ringing, in-progress, completed, busy, no-answer, failed, canceled
 * @param answeredBy what answered, from machine detection (human, machine_end_beep, ...), when known
 * @param outcome what the call established, once it ended (AI calls)
 * @param kind {@code agent} (the AI assistant) or {@code click_to_call} (a rep, connected by the server)
 */
public record VoiceCall(UUID id, UUID messageId, UUID leadId, String toNumber, String status,
        @Nullable String answeredBy, int turn, List<QualificationAgent.Line> transcript,
        QualificationAgent.@Nullable Outcome outcome, @Nullable String summary, boolean recorded,
        @Nullable Integer recordingSeconds, Instant createdAt, @Nullable Instant answeredAt, @Nullable Instant endedAt,
        String provider, String kind) {

    public boolean ended() {
        return endedAt != null;
    }

    /** Answered and still talking: the dialogue can take the callee's words. */
    public boolean live() {
        return endedAt == null && status.equals("in-progress");
    }
}

/**
 * The AI voice agent: the qualification dialogue, what callers mean (offline rules or a chat-completions endpoint),
 * calls placed through the outreach voice channel, their flow on Twilio (TwiML, webhooks), recordings, transcripts,
 * summaries and outcomes. It owns schema {@code voice}.
 */
@NullMarked
package dev.ridgeline.voice;

import org.jspecify.annotations.NullMarked;

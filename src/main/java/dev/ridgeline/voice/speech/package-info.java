/**
 * Speech for live calls, free of any telephony: 8 kHz audio and its G.711 µ-law form, a voice activity detector,
 * text-to-speech (local espeak-ng or Festival, ElevenLabs) with a prompt cache, and speech-to-text (local
 * PocketSphinx with a language model of the call's own words, or an OpenAI-compatible transcription endpoint).
 */
@NullMarked
package dev.ridgeline.voice.speech;

import org.jspecify.annotations.NullMarked;

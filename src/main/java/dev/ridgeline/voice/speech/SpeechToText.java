package dev.ridgeline.voice.speech;

/** Telephone audio to words. */
public interface SpeechToText {

    /** The engine and model, as shown to people and in figures. */
    String name();

    /** What was said, lower case, words only; empty when nothing was understood; {@link SpeechException} on failure. */
    String transcribe(Audio speech);
}

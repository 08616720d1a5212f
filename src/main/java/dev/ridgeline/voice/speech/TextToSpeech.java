package dev.ridgeline.voice.speech;

import java.util.function.Consumer;

/** Words to telephone audio. */
public interface TextToSpeech {

    /** The engine and voice, e.g. {@code espeak-ng en-us}: what a cached prompt is filed under. */
    String name();

    /** The whole of the words, spoken; a {@link SpeechException} when the engine fails. */
    Audio speak(String text);

    /**
     * The words spoken in pieces as the engine makes them, so the first can be played before the last is made.
     * Engines that make it all at once hand over one piece.
     */
    default void stream(String text, Consumer<Audio> pieces) {
        pieces.accept(speak(text));
    }
}

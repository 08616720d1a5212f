package dev.ridgeline.voice.speech;

/** A speech engine that could not do its work: not installed, failed, too slow, or refused by a provider. */
public class SpeechException extends RuntimeException {

    public SpeechException(String message) {
        super(message);
    }

    public SpeechException(String message, Throwable cause) {
        super(message, cause);
    }
}

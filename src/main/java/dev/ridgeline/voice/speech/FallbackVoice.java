package dev.ridgeline.voice.speech;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hosted voice with a local one behind it: when the first fails before a word was played (a refused key, a spent
 * quota, an outage), the line is spoken by the second, so a caller never hears silence. A failure after the first
 * piece was played is not hidden: a sentence in two voices would be worse than a dropped one.
 */
public final class FallbackVoice implements TextToSpeech {

    private static final Logger log = LoggerFactory.getLogger(FallbackVoice.class);

    private final TextToSpeech first;
    private final TextToSpeech then;

    public FallbackVoice(TextToSpeech first, TextToSpeech then) {
        this.first = first;
        this.then = then;
    }

    @Override
    public String name() {
        return first.name();
    }

    @Override
    public Audio speak(String text) {
        try {
            return first.speak(text);
        } catch (SpeechException e) {
            log.warn("{} failed ({}); {} speaks instead", first.name(), e.getMessage(), then.name());
            return then.speak(text);
        }
    }

    @Override
    public void stream(String text, Consumer<Audio> pieces) {
        boolean[] played = {false};
        try {
            first.stream(text, piece -> {
                played[0] = true;
                pieces.accept(piece);
            });
        } catch (SpeechException e) {
            if (played[0]) {
                throw e;
            }
            log.warn("{} failed ({}); {} speaks instead", first.name(), e.getMessage(), then.name());
            then.stream(text, pieces);
        }
    }
}

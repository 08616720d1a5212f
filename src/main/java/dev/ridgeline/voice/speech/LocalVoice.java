package dev.ridgeline.voice.speech;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Text-to-speech on this machine, from Debian's packages: espeak-ng (formant synthesis, about 50 ms a sentence, a
 * robotic voice) or Festival's {@code text2wave} with the CMU SLT HTS voice (statistical synthesis, a natural voice,
 * about 0.7 s a sentence). The words go in on stdin, never through a shell; the WAV comes back on stdout.
 */
public final class LocalVoice implements TextToSpeech {

    public enum Engine {
        ESPEAK_NG("espeak-ng"), FESTIVAL("text2wave");

        private final String program;

        Engine(String program) {
            this.program = program;
        }

        public String program() {
            return program;
        }

        public static Engine named(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "espeak-ng", "espeak" -> ESPEAK_NG;
                case "festival", "text2wave" -> FESTIVAL;
                default -> throw new IllegalArgumentException("unknown local voice engine '" + name
                        + "' (espeak-ng or festival)");
            };
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final Engine engine;
    private final List<String> command;
    private final String name;

    private LocalVoice(Engine engine, String program, int wordsPerMinute) {
        this.engine = engine;
        this.command = switch (engine) {
            case ESPEAK_NG -> List.of(program, "-v", "en-us", "-s", String.valueOf(wordsPerMinute), "--stdout");
            case FESTIVAL -> List.of(program, "-eval", "(voice_cmu_us_slt_arctic_hts)", "-o", "/dev/stdout");
        };
        this.name = engine == Engine.ESPEAK_NG ? "espeak-ng en-us " + wordsPerMinute : "festival cmu_us_slt_arctic_hts";
    }

    /** The engine, where its program is installed. */
    public static Optional<LocalVoice> find(Engine engine) {
        return Processes.find(engine.program()).map(p -> new LocalVoice(engine, p.toString(), 165));
    }

    /** The first engine installed, espeak-ng (fastest) before Festival. */
    public static Optional<LocalVoice> any() {
        return find(Engine.ESPEAK_NG).or(() -> find(Engine.FESTIVAL));
    }

    public Engine engine() {
        return engine;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Audio speak(String text) {
        String words = text.replaceAll("[\\p{Cntrl}]", " ").strip();
        if (words.isEmpty()) {
            return Audio.silence(0);
        }
        byte[] wav = Processes.run(command, (words + "\n").getBytes(StandardCharsets.UTF_8), TIMEOUT);
        try {
            return Audio.wav(wav);
        } catch (IllegalArgumentException e) {
            throw new SpeechException(engine.program() + " gave no usable audio: " + e.getMessage(), e);
        }
    }
}

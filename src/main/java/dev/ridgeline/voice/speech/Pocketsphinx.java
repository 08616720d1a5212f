package dev.ridgeline.voice.speech;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Speech-to-text on this machine with CMU PocketSphinx from Debian's packages ({@code pocketsphinx} and its
 * {@code pocketsphinx-en-us} model), run once per utterance. Two things make it hear telephone audio:
 * <ul>
 * <li>the language model: by default a {@link DomainLanguageModel} of what people say on these calls rather than
 * the general English model;</li>
 * <li>the band: the US English acoustic model was trained at 16 kHz and its filters reach 6.8 kHz, where a call's
 * 8 kHz audio has nothing; silence there reads as a sound no speech makes. The utterance is up-sampled to 16 kHz
 * and that empty band filled with quiet noise (a fixed seed, so a transcript is repeatable).</li>
 * </ul>
 */
public final class Pocketsphinx implements SpeechToText {

    public static final Path MODEL = Path.of("/usr/share/pocketsphinx/model/en-us");
    private static final String PROGRAM = "pocketsphinx_continuous";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** RMS of the noise laid in the 4.2 to 8 kHz band, in 16-bit units. */
    static final double BAND_NOISE = 400;

    private final String program;
    private final Path acoustic;
    private final Path languageModel;
    private final Path dictionary;
    private final String name;
    private final String weight;

    /** @param weight the language model's weight against the sounds: PocketSphinx's 6.5, or 10 for the small model */
    Pocketsphinx(String program, Path acoustic, Path languageModel, Path dictionary, String name, String weight) {
        this.weight = weight;
        this.program = program;
        this.acoustic = acoustic;
        this.languageModel = languageModel;
        this.dictionary = dictionary;
        this.name = name;
    }

    /** Whether the program and the US English model are installed. */
    public static boolean installed() {
        return Processes.find(PROGRAM).isPresent() && Files.isDirectory(MODEL.resolve("en-us"));
    }

    /** With the model of the call's own words, built from {@code corpus} into {@code work}. */
    public static Optional<Pocketsphinx> domain(List<String> corpus, Path work) {
        if (!installed()) {
            return Optional.empty();
        }
        Path cmudict = MODEL.resolve("cmudict-en-us.dict");
        DomainLanguageModel lm = DomainLanguageModel.build(corpus, DomainLanguageModel.dictionaryWords(cmudict));
        DomainLanguageModel.ModelFiles files = lm.write(work, cmudict);
        return Optional.of(new Pocketsphinx(Processes.find(PROGRAM).orElseThrow().toString(), MODEL.resolve("en-us"),
                files.languageModel(), files.dictionary(),
                "pocketsphinx en-us, call words (" + lm.vocabulary().size() + " words)", "10"));
    }

    /** With the general US English model shipped with the package (130,000 words). */
    public static Optional<Pocketsphinx> general() {
        if (!installed()) {
            return Optional.empty();
        }
        return Optional.of(new Pocketsphinx(Processes.find(PROGRAM).orElseThrow().toString(), MODEL.resolve("en-us"),
                MODEL.resolve("en-us.lm.bin"), MODEL.resolve("cmudict-en-us.dict"), "pocketsphinx en-us, general English",
                "6.5"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String transcribe(Audio speech) {
        if (speech.samples().length < Audio.FRAME) {
            return "";
        }
        Path file;
        try {
            file = Files.createTempFile("ridgeline-utterance", ".wav");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.write(file, wideband(speech));
            byte[] out = Processes.run(List.of(program, "-infile", file.toString(), "-hmm", acoustic.toString(),
                    "-lm", languageModel.toString(), "-dict", dictionary.toString(), "-logfn", "/dev/null", "-lw", weight),
                    new byte[0], TIMEOUT);
            return String.join(" ", DomainLanguageModel.words(Processes.text(out).replace('\n', ' ')));
        } catch (IOException e) {
            throw new SpeechException("could not write the utterance for " + PROGRAM + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file; the system cleans its folder
            }
        }
    }

    /** The utterance at 16 kHz with the band the telephone cut off filled with quiet noise, as a WAV file. */
    static byte[] wideband(Audio speech) {
        short[] up = Audio.resample(speech.samples(), Audio.RATE, 16000);
        // Noise low-passed to 0.24 of the rate, then every other sample negated: its spectrum mirrors to 4.2-8 kHz.
        SplittableRandom random = new SplittableRandom(7);
        double[] noise = new double[up.length];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = random.nextGaussian();
        }
        noise = Audio.lowPass(noise, 0.24);
        double power = 0;
        for (double n : noise) {
            power += n * n;
        }
        double scale = BAND_NOISE / Math.sqrt(Math.max(power / Math.max(1, noise.length), 1e-12));
        short[] out = new short[up.length];
        for (int i = 0; i < up.length; i++) {
            double v = up[i] + (i % 2 == 0 ? 1 : -1) * noise[i] * scale;
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
        }
        return Audio.wavFile(out, 16000);
    }
}

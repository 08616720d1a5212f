package dev.ridgeline.voice.speech;

import java.util.ArrayList;
import java.util.List;

/**
 * How well speech-to-text hears calls: each sentence of a spoken test set is made into audio by a local voice, sent
 * the way a call carries it (8 kHz µ-law), transcribed, and scored by word error rate (substitutions, deletions and
 * insertions over the words said), with the time each transcription took.
 */
public final class SpeechCheck {

    /** One sentence: what was said, what was heard, its errors and the time to transcribe it. */
    public record Heard(String said, String heard, int words, int errors, long millis) {
    }

    /** The figures over a test set. */
    public record Result(String recogniser, String voice, List<Heard> sentences) {

        public int words() {
            return sentences.stream().mapToInt(Heard::words).sum();
        }

        public int errors() {
            return sentences.stream().mapToInt(Heard::errors).sum();
        }

        public double wordErrorRate() {
            return words() == 0 ? 0 : errors() / (double) words();
        }

        /** Sentences heard without a single error. */
        public double sentencesRight() {
            return sentences.isEmpty() ? 0 : sentences.stream().filter(h -> h.errors() == 0).count()
                    / (double) sentences.size();
        }

        public long medianMillis() {
            long[] ms = sentences.stream().mapToLong(Heard::millis).sorted().toArray();
            return ms.length == 0 ? 0 : ms[ms.length / 2];
        }
    }

    private SpeechCheck() {
    }

    /** Speaks every sentence with {@code voice} once, then has each recogniser hear it over the telephone. */
    public static List<Result> run(List<String> sentences, TextToSpeech voice, List<SpeechToText> recognisers) {
        List<Audio> spoken = new ArrayList<>();
        for (String s : sentences) {
            spoken.add(telephone(voice.speak(s)));
        }
        List<Result> results = new ArrayList<>();
        for (SpeechToText r : recognisers) {
            List<Heard> heard = new ArrayList<>();
            for (int i = 0; i < sentences.size(); i++) {
                long t0 = System.nanoTime();
                String text = r.transcribe(spoken.get(i));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                List<String> ref = DomainLanguageModel.words(sentences.get(i));
                heard.add(new Heard(sentences.get(i), text, ref.size(), errors(ref, DomainLanguageModel.words(text)), ms));
            }
            results.add(new Result(r.name(), voice.name(), heard));
        }
        return results;
    }

    /** The audio as a call delivers it: through µ-law and back. */
    public static Audio telephone(Audio audio) {
        return Audio.ofMuLaw(audio.muLaw());
    }

    /** Word-level edit distance: the fewest substitutions, deletions and insertions turning {@code said} into {@code heard}. */
    public static int errors(List<String> said, List<String> heard) {
        int[] prev = new int[heard.size() + 1];
        int[] cur = new int[heard.size() + 1];
        for (int j = 0; j <= heard.size(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= said.size(); i++) {
            cur[0] = i;
            for (int j = 1; j <= heard.size(); j++) {
                int sub = prev[j - 1] + (said.get(i - 1).equals(heard.get(j - 1)) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[heard.size()];
    }
}

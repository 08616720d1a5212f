package dev.ridgeline.voice.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local engines for real: espeak-ng and Festival speak, PocketSphinx hears Festival's voice over the telephone
 * (8 kHz µ-law) with the call-words model, scored by word error rate on sentences written apart from that model.
 */
class LocalSpeechEngineTests {

    static List<String> corpus;
    static List<String> testSet;

    @BeforeAll
    static void load() throws Exception {
        LocalSpeech.require();
        corpus = Files.readAllLines(Path.of("src/main/resources/voice/call-words.txt"));
        testSet = Files.readAllLines(Path.of("src/test/resources/voice/spoken-test-set.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    @Test
    void bothLocalVoicesSpeakAndTheCacheMakesEachPromptOnce(@TempDir Path dir) {
        for (LocalVoice.Engine engine : LocalVoice.Engine.values()) {
            Audio a = LocalVoice.find(engine).orElseThrow().speak("Am I speaking with Pat, the homeowner?");
            assertThat(a.seconds()).as(engine.name()).isBetween(1.0, 4.0);
            assertThat(VoiceActivity.level(a.samples())).as(engine.name()).isGreaterThan(55);
        }
        LocalVoice espeak = LocalVoice.find(LocalVoice.Engine.ESPEAK_NG).orElseThrow();
        PromptCache cache = new PromptCache(espeak, dir, 10);
        Audio first = cache.speak("This call is recorded.");
        Audio second = cache.speak("This call is recorded.");
        assertThat(second).isSameAs(first);
        assertThat(cache.misses()).isEqualTo(1);
        assertThat(cache.hits()).isEqualTo(1);
        // A restart keeps the prompts on disk (as µ-law, the call's own form).
        PromptCache restarted = new PromptCache(espeak, dir, 10);
        assertThat(restarted.speak("This call is recorded.")).isEqualTo(SpeechCheck.telephone(first));
        assertThat(restarted.misses()).isZero();
    }

    @Test
    void pocketsphinxWithTheCallWordsModelHearsTelephoneSpeech(@TempDir Path dir) {
        Pocketsphinx ears = Pocketsphinx.domain(corpus, dir).orElseThrow();
        TextToSpeech caller = LocalVoice.find(LocalVoice.Engine.FESTIVAL).orElseThrow();
        List<String> some = testSet.subList(0, 12);
        SpeechCheck.Result r = SpeechCheck.run(some, caller, List.of(ears)).getFirst();
        // Measured on all 30 sentences: 0.335 (BENCHMARKS.md); a broken model, band or codec gives 0.6 and worse.
        assertThat(r.wordErrorRate()).as("word error rate; heard %s", r.sentences()).isLessThan(0.45);
        assertThat(r.medianMillis()).isLessThan(1500);
        assertThat(Pocketsphinx.wideband(Audio.silence(100))).hasSize(44 + 1600 * 2);
    }
}

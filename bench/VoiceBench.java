import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import dev.ridgeline.voice.agent.QualificationAgent;
import dev.ridgeline.voice.agent.RulesUnderstanding;
import dev.ridgeline.voice.internal.LiveCall;
import dev.ridgeline.voice.internal.LiveSpeech;
import dev.ridgeline.voice.speech.Audio;
import dev.ridgeline.voice.speech.LocalVoice;
import dev.ridgeline.voice.speech.Pocketsphinx;
import dev.ridgeline.voice.speech.PromptCache;
import dev.ridgeline.voice.speech.SpeechCheck;
import dev.ridgeline.voice.speech.SpeechToText;
import dev.ridgeline.voice.speech.TextToSpeech;

/**
 * Local speech for live calls (bench/voice.sh).
 * 1. Word error rate of the local recogniser on the spoken test set (src/test/resources/voice/spoken-test-set.txt),
 *    spoken by each local voice and sent as a call carries it (8 kHz µ-law), with the call-words model and with the
 *    general English model that ships with PocketSphinx (the baseline).
 * 2. The live loop's delay, end of the caller's speech to the first audio frame of the answer: whole conversations
 *    with the qualification agent, the caller's Festival speech fed in 20 ms frames in real time. Baseline: the same
 *    loop with a recogniser that answers at once (the script's words) and the answers already spoken, which leaves
 *    the end-of-speech wait of the voice activity detector and the loop itself.
 */
public final class VoiceBench {

    static final List<String> ANSWERS = List.of("yes this is the homeowner", "it's about twenty years old",
            "we have a leak", "some shingles blew off", "we have not called the insurance", "the first one");

    public static void main(String[] args) throws Exception {
        int conversations = Integer.parseInt(args[0]);
        Path work = Files.createTempDirectory("voice-bench");
        List<String> testSet = Files.readAllLines(Path.of("src/test/resources/voice/spoken-test-set.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        Pocketsphinx domain = Pocketsphinx.domain(LiveSpeech.callWords(), work).orElseThrow(
                () -> new IllegalStateException("apt-get install pocketsphinx pocketsphinx-en-us"));
        Pocketsphinx general = Pocketsphinx.general().orElseThrow();
        LocalVoice festival = LocalVoice.find(LocalVoice.Engine.FESTIVAL).orElseThrow(
                () -> new IllegalStateException("apt-get install festival festvox-us-slt-hts"));
        LocalVoice espeak = LocalVoice.find(LocalVoice.Engine.ESPEAK_NG).orElseThrow(
                () -> new IllegalStateException("apt-get install espeak-ng"));

        System.out.printf("%nWord error rate, %d sentences (%d words), 8 kHz µ-law%n", testSet.size(),
                testSet.stream().mapToInt(s -> s.split("\\s+").length).sum());
        System.out.printf("%-32s %-42s %6s %9s %10s%n", "caller's voice", "recogniser", "WER", "all right", "median ms");
        for (TextToSpeech voice : List.of(festival, espeak)) {
            for (SpeechCheck.Result r : SpeechCheck.run(testSet, voice, List.of(domain, general))) {
                System.out.printf(Locale.ROOT, "%-32s %-42s %6.3f %9.2f %10d%n", r.voice(), r.recogniser(),
                        r.wordErrorRate(), r.sentencesRight(), r.medianMillis());
            }
        }

        List<Audio> caller = new ArrayList<>();
        for (String a : ANSWERS) {
            caller.add(festival.speak(a));
        }
        PromptCache assistant = new PromptCache(espeak, null, 500);
        System.out.printf("%nLive loop delay, end of speech to first audio back, %d conversations of %d turns "
                + "(voice activity hangover %d ms)%n", conversations, ANSWERS.size(),
                dev.ridgeline.voice.speech.VoiceActivity.HANGOVER_MS);
        System.out.printf("%-52s %8s %8s %8s %8s%n", "loop", "median", "p90", "max", "ratio");
        List<Long> bare = run(conversations, caller, new Scripted(), prewarmed(assistant));
        List<Long> first = run(1, caller, domain, new PromptCache(espeak, null, 500));
        List<Long> full = run(conversations, caller, domain, assistant);
        long base = median(bare);
        row("baseline: instant recogniser, answers already spoken", bare, base);
        row("local: pocketsphinx + espeak-ng, first call (cold)", first, base);
        row("local: pocketsphinx + espeak-ng, prompts cached", full, base);
        System.out.printf(Locale.ROOT, "%nprompt cache: %d hits, %d made%n", assistant.hits(), assistant.misses());
    }

    static TextToSpeech prewarmed(PromptCache cache) {
        return cache;
    }

    static void row(String name, List<Long> ms, long base) {
        List<Long> s = ms.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "%-52s %8d %8d %8d %8.2f%n", name, median(s), s.get((int) (s.size() * 0.9)),
                s.getLast(), median(s) / (double) base);
    }

    static long median(List<Long> ms) {
        List<Long> s = ms.stream().sorted().toList();
        return s.get(s.size() / 2);
    }

    /** The recogniser of the baseline: what the caller said, at once. */
    static final class Scripted implements SpeechToText {
        int next;

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public String transcribe(Audio speech) {
            return ANSWERS.get(next++ % ANSWERS.size());
        }
    }

    static List<Long> run(int conversations, List<Audio> caller, SpeechToText ears, TextToSpeech voice)
            throws Exception {
        List<Long> delays = new CopyOnWriteArrayList<>();
        for (int c = 0; c < conversations; c++) {
            QualificationAgent agent = new QualificationAgent(new QualificationAgent.Script("Skyview Roofing", "Ava",
                    "Pat", LocalDate.of(2026, 11, 20), "Elm Hill Pike", "friendly", List.of("Tuesday, December 1 at 10 am",
                    "Tuesday, December 1 at 2 pm", "Wednesday, December 2 at 9 am"), true), new RulesUnderstanding(2026));
            List<String> marks = new CopyOnWriteArrayList<>();
            LiveCall.Line line = new LiveCall.Line() {
                @Override
                public void play(Audio audio) {
                }

                @Override
                public void mark(String name) {
                    marks.add(name);
                }

                @Override
                public void clear() {
                }

                @Override
                public void close() {
                }
            };
            LiveCall call = new LiveCall(new LiveCall.Dialogue() {
                @Override
                public QualificationAgent.Reply open() {
                    return agent.start();
                }

                @Override
                public QualificationAgent.Reply hear(int turn, String said, boolean bargedIn) {
                    return agent.hear(said, bargedIn);
                }
            }, "bench", voice, ears, line, d -> delays.add(d.toMillis()));
            call.start();
            AtomicLong t = new AtomicLong();
            Random noise = new Random(c);
            waitFor(marks, 1, call, t, noise);
            call.marked(marks.getLast());
            for (int turn = 0; turn < caller.size(); turn++) {
                short[] s = caller.get(turn).samples();
                long next = System.nanoTime();
                for (int i = 0; i + Audio.FRAME <= s.length; i += Audio.FRAME) {
                    call.media(new Audio(java.util.Arrays.copyOfRange(s, i, i + Audio.FRAME)).muLaw(), t.getAndAdd(20));
                    next += 20_000_000L;
                    sleepUntil(next);
                }
                waitFor(marks, turn + 2, call, t, noise);
                call.marked(marks.getLast());
            }
            call.stop();
        }
        return delays;
    }

    /** Line noise in real time until the server has marked {@code count} replies. */
    static void waitFor(List<String> marks, int count, LiveCall call, AtomicLong t, Random noise) throws Exception {
        long next = System.nanoTime();
        long deadline = next + Duration.ofSeconds(30).toNanos();
        while (marks.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no reply " + count + " within 30 s");
            }
            short[] q = new short[Audio.FRAME];
            for (int i = 0; i < q.length; i++) {
                q[i] = (short) (noise.nextGaussian() * 20);
            }
            call.media(new Audio(q).muLaw(), t.getAndAdd(20));
            next += 20_000_000L;
            sleepUntil(next);
        }
    }

    static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}

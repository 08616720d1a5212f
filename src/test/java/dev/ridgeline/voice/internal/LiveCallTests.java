package dev.ridgeline.voice.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.ridgeline.voice.agent.QualificationAgent;
import dev.ridgeline.voice.agent.Question;
import dev.ridgeline.voice.speech.Audio;
import dev.ridgeline.voice.speech.SpeechToText;
import dev.ridgeline.voice.speech.TextToSpeech;

/**
 * The live loop's rules with stand-in speech engines and stream time (no waiting): turns in order, barge-in clears
 * the assistant, silence is a turn, a failing recogniser is "not understood", the goodbye closes the stream.
 */
class LiveCallTests {

    /** What the server sent down the stream, in order: "audio", "mark:NAME", "clear", "close". */
    static final class Recorded implements LiveCall.Line {
        final List<String> sent = new CopyOnWriteArrayList<>();

        @Override
        public void play(Audio audio) {
            sent.add("audio");
        }

        @Override
        public void mark(String name) {
            sent.add("mark:" + name);
        }

        @Override
        public void clear() {
            sent.add("clear");
        }

        @Override
        public void close() {
            sent.add("close");
        }

        String lastMark() {
            for (int i = sent.size() - 1; i >= 0; i--) {
                if (sent.get(i).startsWith("mark:")) {
                    return sent.get(i).substring(5);
                }
            }
            return "";
        }
    }

    /** A dialogue that ends at the third answer and keeps what it heard. */
    static final class Heard implements LiveCall.Dialogue {
        final List<String> heard = Collections.synchronizedList(new ArrayList<>());

        @Override
        public QualificationAgent.Reply open() {
            return new QualificationAgent.Reply("Hi. Am I speaking with Pat?", false, QualificationAgent.Stage.GREETING,
                    Question.OWNER);
        }

        @Override
        public QualificationAgent.Reply hear(int turn, String said, boolean bargedIn) {
            heard.add(turn + ":" + said + (bargedIn ? " (over)" : ""));
            return new QualificationAgent.Reply("Thanks. Next question?", turn == 3, QualificationAgent.Stage.ROOF_AGE,
                    Question.ROOF_AGE);
        }
    }

    static final TextToSpeech BEEP = new TextToSpeech() {
        @Override
        public String name() {
            return "beep";
        }

        @Override
        public Audio speak(String text) {
            return Audio.silence(100);
        }
    };

    static final short[] LOUD = new short[Audio.FRAME];
    static final short[] QUIET = new short[Audio.FRAME];

    static {
        for (int i = 0; i < LOUD.length; i++) {
            LOUD[i] = (short) (6000 * Math.sin(i * 0.3));
        }
    }

    long t;

    void frames(LiveCall call, short[] frame, int count) {
        byte[] ulaw = new Audio(frame).muLaw();
        for (int i = 0; i < count; i++, t += 20) {
            call.media(ulaw, t);
        }
    }

    @Test
    void turnsBargeInSilenceAndGoodbye() {
        Recorded line = new Recorded();
        Heard dialogue = new Heard();
        List<String> transcripts = new ArrayList<>(List.of("yes this is pat", "about twenty years"));
        SpeechToText stt = new SpeechToText() {
            @Override
            public String name() {
                return "script";
            }

            @Override
            public String transcribe(Audio speech) {
                return transcripts.removeFirst();
            }
        };
        List<Duration> delays = new CopyOnWriteArrayList<>();
        LiveCall call = new LiveCall(dialogue, "test", BEEP, stt, line, delays::add);
        call.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> line.sent.contains("mark:turn-1"));
        // Two sentences, each spoken, then the mark.
        assertThat(line.sent).containsExactly("audio", "audio", "mark:turn-1");

        // The caller speaks over the greeting (its mark not yet played): the queued audio is cleared.
        frames(call, QUIET, 10);
        frames(call, LOUD, 30);
        assertThat(line.sent).contains("clear");
        call.marked("turn-1"); // Twilio echoes the mark of cleared audio
        frames(call, QUIET, 20);
        await().atMost(Duration.ofSeconds(5)).until(() -> line.sent.contains("mark:turn-2"));
        assertThat(dialogue.heard).containsExactly("1:yes this is pat (over)");
        assertThat(delays).hasSize(1);

        // Played to the end; the caller answers, not over it this time.
        call.marked("turn-2");
        frames(call, LOUD, 25);
        frames(call, QUIET, 20);
        await().atMost(Duration.ofSeconds(5)).until(() -> line.sent.contains("mark:turn-3"));
        assertThat(dialogue.heard).containsExactly("1:yes this is pat (over)", "2:about twenty years");

        // Seven seconds of silence after the assistant finished: a turn with nothing said; the dialogue ends.
        call.marked("turn-3");
        frames(call, QUIET, (int) (LiveCall.SILENCE_TURN_MS / 20) + 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> line.sent.contains("mark:goodbye"));
        assertThat(dialogue.heard).containsExactly("1:yes this is pat (over)", "2:about twenty years", "3:");
        assertThat(line.sent).doesNotContain("close");
        // The stream is closed only once the goodbye has played.
        call.marked("goodbye");
        assertThat(line.sent).endsWith("close");
        assertThat(delays).hasSize(3);
    }

    @Test
    void aRecogniserThatFailsIsNotUnderstoodRatherThanADeadLine() {
        Recorded line = new Recorded();
        Heard dialogue = new Heard();
        SpeechToText broken = new SpeechToText() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public String transcribe(Audio speech) {
                throw new dev.ridgeline.voice.speech.SpeechException("pocketsphinx_continuous took longer than 15000 ms");
            }
        };
        LiveCall call = new LiveCall(dialogue, "test", BEEP, broken, line, d -> { });
        call.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> line.sent.contains("mark:turn-1"));
        call.marked("turn-1");
        frames(call, LOUD, 25);
        frames(call, QUIET, 20);
        await().atMost(Duration.ofSeconds(5)).until(() -> line.sent.contains("mark:turn-2"));
        assertThat(dialogue.heard).containsExactly("1:");
    }
}

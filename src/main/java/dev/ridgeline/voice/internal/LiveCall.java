package dev.ridgeline.voice.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ridgeline.platform.TenantId;
import dev.ridgeline.voice.VoiceService;
import dev.ridgeline.voice.agent.QualificationAgent;
import dev.ridgeline.voice.speech.Audio;
import dev.ridgeline.voice.speech.SpeechException;
import dev.ridgeline.voice.speech.SpeechToText;
import dev.ridgeline.voice.speech.TextToSpeech;
import dev.ridgeline.voice.speech.VoiceActivity;

/**
 * One live AI call on a two-way media stream: the caller's 20 ms µ-law frames go through the voice activity
 * detector; each finished utterance is transcribed, heard by the dialogue ({@link VoiceService#hear}, the same turns,
 * replay safety and outcomes as a turn-by-turn call), and the reply spoken back into the stream sentence by sentence,
 * each followed by a mark so the end of playback is known. Speech over the assistant clears what is queued
 * (barge-in) and is taken as the answer; seven seconds of silence after the assistant has spoken is a turn too. After
 * the last words have played, the stream is closed and the call hangs up.
 *
 * <p>Frames arrive on the socket's thread and only feed the detector; transcription, the dialogue and speech run on
 * one worker per call, in order. The delay from the end of the caller's speech to the first frame of the answer is
 * measured on every turn.
 */
public final class LiveCall {

    private static final Logger log = LoggerFactory.getLogger(LiveCall.class);
    static final long SILENCE_TURN_MS = 7_000;

    /** Where the call's audio and signals go: the media stream. */
    public interface Line {
        void play(Audio audio);

        void mark(String name);

        void clear();

        void close();
    }

    /** The conversation behind the call: {@link VoiceService#open} and {@link VoiceService#hear} for a real one. */
    public interface Dialogue {
        QualificationAgent.Reply open();

        QualificationAgent.Reply hear(int turn, String said, boolean bargedIn);
    }

    /** The dialogue of a stored call. */
    public static Dialogue of(VoiceService voice, TenantId tenant, UUID callId) {
        return new Dialogue() {
            @Override
            public QualificationAgent.Reply open() {
                return voice.open(tenant, callId);
            }

            @Override
            public QualificationAgent.Reply hear(int turn, String said, boolean bargedIn) {
                return voice.hear(tenant, callId, turn, said, bargedIn);
            }
        };
    }

    private final Dialogue dialogue;
    private final String name;
    private final TextToSpeech tts;
    private final SpeechToText stt;
    private final Line line;
    private final Consumer<Duration> delays;
    private final VoiceActivity vad = new VoiceActivity();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("live-call").factory());
    private final List<Duration> measured = new ArrayList<>();
    private final Object lock = new Object();

    // Guarded by lock: what the stream is doing now.
    private boolean playing;
    private boolean busy;
    private boolean bargedIn;
    private boolean ended;
    private String awaiting = "";
    private long listeningSince;
    private long lastTimestamp;
    // The worker's own.
    private int turn = 1;

    /** @param name what the log calls it (the call's id) */
    public LiveCall(Dialogue dialogue, String name, TextToSpeech tts, SpeechToText stt, Line line,
            Consumer<Duration> delays) {
        this.dialogue = dialogue;
        this.name = name;
        this.tts = tts;
        this.stt = stt;
        this.line = line;
        this.delays = delays;
    }

    /** The stream is open: the assistant speaks first. */
    public void start() {
        synchronized (lock) {
            busy = true;
        }
        worker.execute(() -> {
            try {
                speak(dialogue.open(), -1);
            } catch (RuntimeException e) {
                fail("could not open the call", e);
            }
        });
    }

    /** One frame of the caller's audio, at {@code timestamp} ms of the stream. */
    public void media(byte[] muLaw, long timestamp) {
        long now = System.nanoTime();
        synchronized (lock) {
            VoiceActivity.Event event = vad.frame(Audio.ofMuLaw(muLaw).samples(), timestamp);
            lastTimestamp = timestamp;
            if (ended) {
                return;
            }
            if (event instanceof VoiceActivity.Started && playing) {
                line.clear();
                playing = false;
                bargedIn = true;
            } else if (event instanceof VoiceActivity.Ended end) {
                long endedAt = now - (timestamp + 20 - end.speechEnded()) * 1_000_000L;
                boolean over = bargedIn;
                bargedIn = false;
                busy = true;
                worker.execute(() -> answer(end.utterance(), over, endedAt));
            } else if (!playing && !busy && !vad.speaking() && timestamp - listeningSince >= SILENCE_TURN_MS) {
                busy = true;
                worker.execute(() -> answer(Audio.silence(0), false, now));
            }
        }
    }

    /** Twilio played (or cleared) the audio up to the mark {@code name}. */
    public void marked(String name) {
        synchronized (lock) {
            if (!name.equals(awaiting)) {
                return;
            }
            playing = false;
            listeningSince = lastTimestamp;
            if (ended) {
                line.close();
            }
        }
    }

    /** The stream closed (the caller hung up, or the call ended). */
    public void stop() {
        synchronized (lock) {
            ended = true;
        }
        worker.shutdown();
    }

    /** The delays measured so far, end of the caller's speech to the first frame of the answer. */
    public List<Duration> delays() {
        synchronized (measured) {
            return List.copyOf(measured);
        }
    }

    private void answer(Audio utterance, boolean over, long speechEnded) {
        try {
            String said = "";
            if (utterance.samples().length > 0) {
                try {
                    said = stt.transcribe(utterance);
                } catch (SpeechException e) {
                    log.warn("Live call {}: the utterance could not be transcribed ({}); taken as not understood",
                            name, e.getMessage());
                }
            }
            QualificationAgent.Reply reply = dialogue.hear(turn, said, over);
            turn++;
            speak(reply, speechEnded);
        } catch (RuntimeException e) {
            fail("turn " + turn + " failed", e);
        }
    }

    /** Speaks the reply sentence by sentence, then marks its end; {@code speechEnded} &lt; 0 when not a reply. */
    private void speak(QualificationAgent.Reply reply, long speechEnded) {
        String mark = reply.done() ? "goodbye" : "turn-" + turn;
        synchronized (lock) {
            playing = true;
            awaiting = mark;
            ended = ended || reply.done();
        }
        boolean[] first = {true};
        for (String sentence : reply.say().split("(?<=[.?!])\\s+")) {
            if (sentence.isBlank()) {
                continue;
            }
            tts.stream(sentence, piece -> {
                if (first[0] && speechEnded >= 0) {
                    Duration d = Duration.ofNanos(System.nanoTime() - speechEnded);
                    synchronized (measured) {
                        measured.add(d);
                    }
                    delays.accept(d);
                }
                first[0] = false;
                synchronized (lock) {
                    if (playing || reply.done()) {
                        line.play(piece);
                    }
                }
            });
        }
        synchronized (lock) {
            line.mark(mark);
            busy = false;
        }
    }

    private void fail(String what, RuntimeException e) {
        log.error("Live call {}: {}", name, what, e);
        synchronized (lock) {
            ended = true;
            busy = false;
            line.close();
        }
    }
}

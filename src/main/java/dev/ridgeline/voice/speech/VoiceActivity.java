package dev.ridgeline.voice.speech;

import java.util.ArrayDeque;

import org.jspecify.annotations.Nullable;

/**
 * Finds where a caller starts and stops speaking in a stream of 20 ms frames, by energy over a noise floor that
 * follows the line: speech starts after 60 ms of frames above it, and ends after {@link #HANGOVER_MS} below it (a
 * pause between words is shorter). The utterance handed on keeps 200 ms from before the start, so the first sound
 * is not cut, and 100 ms past the last voiced frame, so the last is not either. Bursts shorter than 120 ms (a click, a cough) are dropped.
 */
public final class VoiceActivity {

    /** Silence that ends an utterance. */
    public static final int HANGOVER_MS = 320;
    private static final int FRAME_MS = 20;
    private static final int START_FRAMES = 3;
    private static final int MIN_VOICED_FRAMES = 6;
    private static final int PREROLL_FRAMES = 10;
    private static final int TAIL = 5 * Audio.FRAME;
    private static final int MAX_FRAMES = 15_000 / FRAME_MS;
    /** Never below this level (16-bit RMS of about 200), so a silent line's floor does not make every click speech. */
    private static final double ABSOLUTE_DB = 46;
    private static final double ABOVE_FLOOR_DB = 12;

    /** What a frame changed. */
    public sealed interface Event permits Started, Ended {
    }

    /** The caller began to speak ({@code at}: stream time of the frame where the speech began). */
    public record Started(long at) implements Event {
    }

    /** The caller stopped: the utterance, and the stream time its last voiced frame ended. */
    public record Ended(Audio utterance, long speechEnded) implements Event {
    }

    private final ArrayDeque<short[]> preroll = new ArrayDeque<>();
    private short[] buffer = new short[Audio.RATE * 2];
    private int length;
    private int lastVoicedLength;
    private long lastVoicedEnd;
    private double floor = 30;
    private int run;
    private int silent;
    private int voicedFrames;
    private boolean speaking;

    /** Whether speech has started and not yet ended. */
    public boolean speaking() {
        return speaking;
    }

    /** Takes the next frame (any length, normally 160 samples) received at stream time {@code at} ms. */
    public @Nullable Event frame(short[] frame, long at) {
        double db = level(frame);
        boolean voiced = db > Math.max(ABSOLUTE_DB, floor + ABOVE_FLOOR_DB);
        if (!voiced && !speaking) {
            floor = floor * 0.95 + Math.min(db, floor + 6) * 0.05;
        }
        if (!speaking) {
            preroll.addLast(frame);
            if (preroll.size() > PREROLL_FRAMES + START_FRAMES) {
                preroll.removeFirst();
            }
            run = voiced ? run + 1 : 0;
            if (run < START_FRAMES) {
                return null;
            }
            speaking = true;
            length = 0;
            silent = 0;
            voicedFrames = run;
            for (short[] f : preroll) {
                add(f);
            }
            preroll.clear();
            lastVoicedLength = length;
            lastVoicedEnd = at + FRAME_MS;
            return new Started(at - (long) (START_FRAMES - 1) * FRAME_MS);
        }
        add(frame);
        if (voiced) {
            silent = 0;
            voicedFrames++;
            lastVoicedLength = length;
            lastVoicedEnd = at + FRAME_MS;
        } else {
            silent++;
        }
        if (silent * FRAME_MS < HANGOVER_MS && length < MAX_FRAMES * Audio.FRAME) {
            return null;
        }
        speaking = false;
        run = 0;
        // A soft last consonant ("leak") may sit under the threshold: 100 ms past the last voiced frame go with it.
        Audio utterance = new Audio(java.util.Arrays.copyOf(buffer, Math.min(length, lastVoicedLength + TAIL)));
        length = 0;
        if (voicedFrames < MIN_VOICED_FRAMES) {
            return null;
        }
        return new Ended(utterance, lastVoicedEnd);
    }

    /** Starts listening afresh (after the assistant has spoken, say), keeping what it learnt of the line's noise. */
    public void reset() {
        speaking = false;
        run = 0;
        length = 0;
        preroll.clear();
    }

    private void add(short[] frame) {
        if (length + frame.length > buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + frame.length));
        }
        System.arraycopy(frame, 0, buffer, length, frame.length);
        length += frame.length;
    }

    /** The frame's energy in dB over one 16-bit unit squared. */
    static double level(short[] frame) {
        if (frame.length == 0) {
            return 0;
        }
        double sum = 0;
        for (short s : frame) {
            sum += (double) s * s;
        }
        return 10 * Math.log10(sum / frame.length + 1);
    }
}

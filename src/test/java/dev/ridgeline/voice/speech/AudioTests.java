package dev.ridgeline.voice.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class AudioTests {

    static short[] tone(double hz, int rate, double seconds, double amplitude) {
        short[] s = new short[(int) (rate * seconds)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return s;
    }

    static double rms(short[] s) {
        double sum = 0;
        for (short v : s) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum / s.length);
    }

    @Test
    void muLawMatchesTheG711TableAndKeepsSpeechWithinItsStep() {
        // Reference points of G.711 µ-law: silence, the largest values, and a mid-range step.
        assertThat(MuLaw.encode((short) 0)).isEqualTo((byte) 0xff);
        assertThat(MuLaw.encode((short) 32767)).isEqualTo((byte) 0x80);
        assertThat(MuLaw.encode((short) -32768)).isEqualTo((byte) 0x00);
        assertThat(MuLaw.decode((byte) 0xff)).isZero();
        assertThat(MuLaw.decode((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(MuLaw.decode((byte) 0x00)).isEqualTo((short) -32124);
        for (int v = -32000; v <= 32000; v += 7) {
            short back = MuLaw.decode(MuLaw.encode((short) v));
            // The step grows with the magnitude: at most 1/16 of it (plus the bias at the bottom).
            assertThat(Math.abs(back - v)).as("%d came back as %d", v, back).isLessThanOrEqualTo(Math.abs(v) / 16 + 8);
        }
        for (int b = 0; b < 256; b++) {
            byte e = (byte) b;
            if (b != 0x7f) { // 0x7f and 0xff both decode to 0; 0 encodes as 0xff
                assertThat(MuLaw.encode(MuLaw.decode(e))).isEqualTo(e);
            }
        }
    }

    @Test
    void wavFilesOfOtherRatesAndChannelsComeInAtTheTelephoneRateWithoutAliases() {
        // 22,050 Hz stereo: a 1 kHz tone (kept) in one channel and a 6 kHz tone (above the new Nyquist: removed) in the other.
        short[] low = tone(1000, 22050, 1, 8000);
        short[] high = tone(6000, 22050, 1, 8000);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + low.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + low.length * 4).putInt(0x45564157).putInt(0x20746d66).putInt(16)
                .putShort((short) 1).putShort((short) 2).putInt(22050).putInt(22050 * 4).putShort((short) 4)
                .putShort((short) 16).putInt(0x61746164).putInt(low.length * 4);
        for (int i = 0; i < low.length; i++) {
            b.putShort(low[i]).putShort(high[i]);
        }
        Audio a = Audio.wav(b.array());
        assertThat(a.seconds()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
        // Mixed down: each tone at half amplitude; the 6 kHz one filtered out, so the level is the 1 kHz tone's alone.
        assertThat(rms(java.util.Arrays.copyOfRange(a.samples(), 400, 7600))).isBetween(4000 / Math.sqrt(2) * 0.85,
                4000 / Math.sqrt(2) * 1.15);

        Audio again = Audio.wav(a.wav(8000));
        assertThat(again).isEqualTo(a);
        assertThatThrownBy(() -> Audio.wav(new byte[] {1, 2, 3})).hasMessageContaining("not a RIFF WAVE");
    }

    @Test
    void theVoiceActivityDetectorFindsAnUtteranceAndWhereItEnded() {
        VoiceActivity vad = new VoiceActivity();
        List<Object> events = new java.util.ArrayList<>();
        long t = 0;
        // 1 s of line noise, 0.8 s of "speech", a 100 ms pause (not an end), 0.4 s more, then silence.
        short[] noise = new short[Audio.FRAME];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < 50; i++, t += 20) {
            for (int k = 0; k < noise.length; k++) {
                noise[k] = (short) (r.nextGaussian() * 30);
            }
            add(events, vad.frame(noise.clone(), t));
        }
        short[] speech = tone(300, 8000, 0.02, 6000);
        for (int i = 0; i < 40; i++, t += 20) {
            add(events, vad.frame(speech, t));
        }
        for (int i = 0; i < 5; i++, t += 20) {
            add(events, vad.frame(noise.clone(), t));
        }
        for (int i = 0; i < 20; i++, t += 20) {
            add(events, vad.frame(speech, t));
        }
        long lastSpeech = t;
        for (int i = 0; i < 40; i++, t += 20) {
            add(events, vad.frame(noise.clone(), t));
        }
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOf(VoiceActivity.Started.class);
        assertThat(((VoiceActivity.Started) events.get(0)).at()).isEqualTo(1000);
        VoiceActivity.Ended end = (VoiceActivity.Ended) events.get(1);
        assertThat(end.speechEnded()).isEqualTo(lastSpeech);
        // The 200 ms before the start, the speech, the pause and 100 ms after: 0.2 + 0.8 + 0.1 + 0.4 + 0.1 s.
        assertThat(end.utterance().seconds()).isCloseTo(1.6, org.assertj.core.data.Offset.offset(0.03));

        // A click of 40 ms is no utterance.
        VoiceActivity quiet = new VoiceActivity();
        List<Object> none = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            add(none, quiet.frame(i >= 50 && i < 52 ? speech : new short[Audio.FRAME], i * 20L));
        }
        assertThat(none).isEmpty();
    }

    private static void add(List<Object> events, Object e) {
        if (e != null) {
            events.add(e);
        }
    }

    @Test
    void wordErrorRateCountsSubstitutionsDeletionsAndInsertions() {
        List<String> said = DomainLanguageModel.words("Yes, this is the homeowner.");
        assertThat(said).containsExactly("yes", "this", "is", "the", "homeowner");
        assertThat(SpeechCheck.errors(said, said)).isZero();
        assertThat(SpeechCheck.errors(said, List.of("yes", "this", "the", "home", "owner"))).isEqualTo(3);
        assertThat(SpeechCheck.errors(said, List.of())).isEqualTo(5);
        assertThat(SpeechCheck.errors(List.of(), List.of("uh"))).isEqualTo(1);
    }

    @Test
    void theLanguageModelIsAValidBackOffModelOfItsCorpus() {
        DomainLanguageModel lm = DomainLanguageModel.build(List.of("# a comment", "yes it is", "no it is not",
                "it is xyzzy"), java.util.Set.of("yes", "no", "it", "is", "not"));
        assertThat(lm.vocabulary()).containsExactly("is", "it", "no", "not", "yes");
        assertThat(lm.unknown()).containsExactly("xyzzy");
        String arpa = lm.arpa();
        assertThat(arpa).startsWith("\\data\\\nngram 1=7\n").contains("\\2-grams:").endsWith("\\end\\\n");
        // Every word's bigram probabilities and back-off mass add up to one.
        java.util.Map<String, Double> uni = new java.util.HashMap<>();
        java.util.Map<String, Double> backoff = new java.util.HashMap<>();
        java.util.Map<String, java.util.Map<String, Double>> bi = new java.util.HashMap<>();
        String section = "";
        for (String line : arpa.split("\n")) {
            if (line.startsWith("\\")) {
                section = line;
                continue;
            }
            String[] f = line.split(" ");
            if (section.equals("\\1-grams:") && f.length == 3) {
                uni.put(f[1], Math.pow(10, Double.parseDouble(f[0])));
                backoff.put(f[1], Math.pow(10, Double.parseDouble(f[2])));
            } else if (section.equals("\\2-grams:") && f.length == 3) {
                bi.computeIfAbsent(f[1], k -> new java.util.HashMap<>()).put(f[2], Math.pow(10, Double.parseDouble(f[0])));
            }
        }
        double unigramSum = uni.entrySet().stream().filter(e -> !e.getKey().equals("<s>")).mapToDouble(e -> e.getValue()).sum();
        assertThat(unigramSum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        for (var e : bi.entrySet()) {
            double total = e.getValue().values().stream().mapToDouble(Double::doubleValue).sum();
            for (String w : uni.keySet()) {
                if (!w.equals("<s>") && !e.getValue().containsKey(w)) {
                    total += backoff.get(e.getKey()) * uni.get(w);
                }
            }
            assertThat(total).as("p(.|%s)", e.getKey()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
    }
}

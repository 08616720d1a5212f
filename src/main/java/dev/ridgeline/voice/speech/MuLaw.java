package dev.ridgeline.voice.speech;

/**
 * ITU-T G.711 µ-law, the telephone's 8-bit encoding of 16-bit linear samples (what Twilio Media Streams carry and
 * ElevenLabs' {@code ulaw_8000} gives): a sign bit, a 3-bit segment and a 4-bit step, all bits inverted, with a bias
 * of 0x84 so that small values keep their resolution.
 */
public final class MuLaw {

    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;
    private static final short[] DECODED = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            int u = ~i & 0xff;
            int sign = u & 0x80;
            int exponent = (u >> 4) & 0x07;
            int mantissa = u & 0x0f;
            int magnitude = (((mantissa << 3) + BIAS) << exponent) - BIAS;
            DECODED[i] = (short) (sign != 0 ? -magnitude : magnitude);
        }
    }

    private MuLaw() {
    }

    public static byte encode(short sample) {
        int s = sample;
        int sign = s < 0 ? 0x80 : 0;
        if (s < 0) {
            s = -s;
        }
        if (s > CLIP) {
            s = CLIP;
        }
        s += BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (s & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (s >> (exponent + 3)) & 0x0f;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    public static short decode(byte encoded) {
        return DECODED[encoded & 0xff];
    }

    public static byte[] encode(short[] samples) {
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = encode(samples[i]);
        }
        return out;
    }

    public static short[] decode(byte[] encoded) {
        short[] out = new short[encoded.length];
        for (int i = 0; i < encoded.length; i++) {
            out[i] = DECODED[encoded[i] & 0xff];
        }
        return out;
    }
}

package dev.ridgeline.voice.speech;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Mono speech at the telephone's rate, 8,000 16-bit samples a second: what a call carries, whatever the engine that
 * made it. WAV files of other rates, channel counts and encodings (16-bit PCM, 8-bit µ-law) are converted on the way
 * in, with a low-pass filter before any down-sampling so no alias is heard.
 */
public record Audio(short[] samples) {

    public static final int RATE = 8000;
    /** Twilio's media frame: 20 ms. */
    public static final int FRAME = 160;

    public static Audio ofMuLaw(byte[] encoded) {
        return new Audio(MuLaw.decode(encoded));
    }

    public static Audio silence(int millis) {
        return new Audio(new short[RATE * millis / 1000]);
    }

    public byte[] muLaw() {
        return MuLaw.encode(samples);
    }

    public double seconds() {
        return samples.length / (double) RATE;
    }

    public Audio append(Audio more) {
        short[] out = java.util.Arrays.copyOf(samples, samples.length + more.samples.length);
        System.arraycopy(more.samples, 0, out, samples.length, more.samples.length);
        return new Audio(out);
    }

    /** Reads a RIFF WAV file (PCM 16-bit or µ-law, any rate, any channels) into 8 kHz mono. */
    public static Audio wav(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IllegalArgumentException("not a RIFF WAVE file (" + file.length + " bytes)");
        }
        int format = -1;
        int channels = 1;
        int rate = RATE;
        int bits = 16;
        int pos = 12;
        while (pos + 8 <= file.length) {
            int id = b.getInt(pos);
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            int body = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                format = b.getShort(body) & 0xffff;
                channels = b.getShort(body + 2);
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14);
            } else if (id == 0x61746164) { // "data"
                // Engines writing to a pipe cannot know the size: 0 or 0xFFFFFFFF means "to the end".
                int end = size == 0 || size == 0xffffffffL || body + size > file.length ? file.length : (int) (body + size);
                return new Audio(resample(mono(file, body, end, format, channels, bits), rate, RATE));
            }
            pos = body + (int) Math.min(size + (size & 1), file.length);
        }
        throw new IllegalArgumentException("the WAV file has no data chunk");
    }

    private static short[] mono(byte[] file, int from, int to, int format, int channels, int bits) {
        int width = format == 7 ? 1 : bits / 8;
        if (!(format == 1 && bits == 16) && !(format == 7 && bits == 8) && !(format == 0xfffe && bits == 16)) {
            throw new IllegalArgumentException("unsupported WAV encoding: format " + format + ", " + bits + " bits");
        }
        if (channels < 1) {
            throw new IllegalArgumentException("the WAV file says it has " + channels + " channels");
        }
        int frames = (to - from) / (width * channels);
        short[] out = new short[frames];
        for (int i = 0; i < frames; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                int at = from + (i * channels + c) * width;
                sum += width == 1 ? MuLaw.decode(file[at]) : (short) ((file[at] & 0xff) | (file[at + 1] << 8));
            }
            out[i] = (short) (sum / channels);
        }
        return out;
    }

    /** This audio as a 16-bit WAV file at {@code rate} samples a second. */
    public byte[] wav(int rate) {
        return wavFile(resample(samples, RATE, rate), rate);
    }

    /** {@code s}, samples at {@code rate}, as a 16-bit mono WAV file. */
    static byte[] wavFile(short[] s, int rate) {
        ByteBuffer b = ByteBuffer.allocate(44 + s.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + s.length * 2).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                .putShort((short) 2).putShort((short) 16);
        b.putInt(0x61746164).putInt(s.length * 2);
        for (short v : s) {
            b.putShort(v);
        }
        return b.array();
    }

    /**
     * Converts the sample rate: a windowed-sinc low-pass below the lower Nyquist frequency when going down, then
     * linear interpolation.
     */
    public static short[] resample(short[] in, int from, int to) {
        if (from == to || in.length == 0) {
            return in;
        }
        double[] x = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            x[i] = in[i];
        }
        if (to < from) {
            x = lowPass(x, 0.45 * to / from);
        }
        int n = (int) ((long) in.length * to / from);
        short[] out = new short[n];
        double step = (double) from / to;
        for (int i = 0; i < n; i++) {
            double p = i * step;
            int j = (int) p;
            double f = p - j;
            double v = j + 1 < x.length ? x[j] * (1 - f) + x[j + 1] * f : x[Math.min(j, x.length - 1)];
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
        }
        return out;
    }

    /** A 63-tap Hamming-windowed sinc with its cut-off at {@code cutoff} times the sample rate. */
    static double[] lowPass(double[] x, double cutoff) {
        int taps = 63;
        int half = taps / 2;
        double[] h = new double[taps];
        double sum = 0;
        for (int i = 0; i < taps; i++) {
            int k = i - half;
            double sinc = k == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * k) / (Math.PI * k);
            h[i] = sinc * (0.54 - 0.46 * Math.cos(2 * Math.PI * i / (taps - 1)));
            sum += h[i];
        }
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double acc = 0;
            for (int k = 0; k < taps; k++) {
                int j = i + k - half;
                if (j >= 0 && j < x.length) {
                    acc += h[k] * x[j];
                }
            }
            y[i] = acc / sum;
        }
        return y;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Audio a && java.util.Arrays.equals(samples, a.samples);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(samples);
    }

    @Override
    public String toString() {
        return "Audio[" + String.format(java.util.Locale.ROOT, "%.2f", seconds()) + " s]";
    }
}

package dev.ridgeline.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded fuzz inputs for file parsers: random bytes, and a real file mutated the ways files break (bytes flipped,
 * quotes, commas and line breaks inserted, lines cut, duplicated or made huge, BOMs, Latin-1, truncation). The same
 * seed gives the same inputs, so a failure can be replayed.
 */
public final class Fuzz {

    private static final byte[][] NASTY = {"\"".getBytes(StandardCharsets.UTF_8), ",".getBytes(StandardCharsets.UTF_8),
        "\n".getBytes(StandardCharsets.UTF_8), "\r\n".getBytes(StandardCharsets.UTF_8), "\r".getBytes(StandardCharsets.UTF_8),
        "\"\"".getBytes(StandardCharsets.UTF_8), {0}, {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xE9},
        {(byte) 0xC3}, "-999999".getBytes(StandardCharsets.UTF_8), "NaN".getBytes(StandardCharsets.UTF_8),
        "1e309".getBytes(StandardCharsets.UTF_8), "{".getBytes(StandardCharsets.UTF_8), "]".getBytes(StandardCharsets.UTF_8),
        ":".getBytes(StandardCharsets.UTF_8), "9".repeat(40).getBytes(StandardCharsets.UTF_8)};

    private Fuzz() {
    }

    /** {@code count} inputs derived from {@code seedFile} (and some of pure noise), written to files in {@code dir}. */
    public static List<Path> files(Path seedFile, Path dir, long seed, int count) {
        try {
            byte[] base = Files.readAllBytes(seedFile);
            Random r = new Random(seed);
            List<Path> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] b = switch (i % 6) {
                    case 0 -> noise(r, r.nextInt(4096));
                    case 5 -> hugeLine(r, base);
                    default -> mutate(r, base, 1 + r.nextInt(1 + i % 40));
                };
                out.add(Files.write(dir.resolve(seedFile.getFileName() + "." + i), b));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] noise(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static byte[] mutate(Random r, byte[] base, int edits) {
        byte[] b = base.length > 60_000 ? java.util.Arrays.copyOf(base, 20_000 + r.nextInt(40_000)) : base.clone();
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(5)) {
                case 0 -> b[at] = (byte) r.nextInt(256);
                case 1, 2 -> b = insert(b, at, NASTY[r.nextInt(NASTY.length)]);
                case 3 -> b = java.util.Arrays.copyOf(b, at);
                default -> {
                    int end = Math.min(b.length, at + r.nextInt(200));
                    b = insert(b, at, java.util.Arrays.copyOfRange(b, at, end));
                }
            }
        }
        return b;
    }

    private static byte[] hugeLine(Random r, byte[] base) {
        int at = Math.min(base.length, 200 + r.nextInt(400));
        return insert(base, at, "x".repeat(1_200_000).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        byte[] out = new byte[b.length + what.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(b, at, out, at + what.length, b.length - at);
        return out;
    }
}

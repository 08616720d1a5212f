import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import dev.ridgeline.roof.RoofAnalysis;
import dev.ridgeline.roof.RoofAnalyzer;
import dev.ridgeline.roof.RoofRules;

/**
 * Roof analysis speed (bench/roof.sh): N aerial roof crops of 800 x 800 pixels at 0.05 m (40 m of ground, a
 * 16 x 10 m roof with shingle texture, some with tarps, bare patches or moss), encoded as JPEG like stored imagery.
 * One roof at a time (decode included) for the latency, then the whole batch over every core; the baseline is the
 * JPEG decode of the same images alone.
 */
public final class RoofBench {

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int distinct = Math.min(n, 200);
        List<byte[]> jpegs = new ArrayList<>();
        Random random = new Random(11);
        for (int i = 0; i < distinct; i++) {
            jpegs.add(jpeg(roof(random, i)));
        }
        RoofAnalyzer analyzer = new RoofAnalyzer(RoofRules.defaults());
        List<double[]> outline = outline();
        // Warm-up.
        for (int i = 0; i < 50; i++) {
            analyse(analyzer, jpegs.get(i % distinct), outline);
        }
        int single = Math.min(n, 500);
        double[] decodeMs = new double[single];
        double[] analyseMs = new double[single];
        AtomicInteger findings = new AtomicInteger();
        for (int i = 0; i < single; i++) {
            byte[] jpeg = jpegs.get(i % distinct);
            long t0 = System.nanoTime();
            ImageIO.read(new ByteArrayInputStream(jpeg));
            long t1 = System.nanoTime();
            RoofAnalysis a = analyse(analyzer, jpeg, outline);
            long t2 = System.nanoTime();
            decodeMs[i] = (t1 - t0) / 1e6;
            analyseMs[i] = (t2 - t1) / 1e6;
            findings.addAndGet(a.findings().size());
        }
        Arrays.sort(decodeMs);
        Arrays.sort(analyseMs);
        int cores = Runtime.getRuntime().availableProcessors();
        long b0 = System.nanoTime();
        IntStream.range(0, n).parallel().forEach(i -> {
            try {
                ImageIO.read(new ByteArrayInputStream(jpegs.get(i % distinct)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        double decodeBatch = (System.nanoTime() - b0) / 1e9;
        long a0 = System.nanoTime();
        IntStream.range(0, n).parallel().forEach(i -> analyse(analyzer, jpegs.get(i % distinct), outline));
        double analyseBatch = (System.nanoTime() - a0) / 1e9;
        System.out.printf(Locale.ROOT, "%n%d roofs of 800 x 800 px at 0.05 m, %d cores, %d findings in the first %d%n%n",
                n, cores, findings.get(), single);
        System.out.println("| measure | p50 ms | p99 ms | batch roofs/s |");
        System.out.println("|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| baseline: JPEG decode only | %.1f | %.1f | %.0f |%n", decodeMs[single / 2],
                decodeMs[(int) (single * 0.99)], n / decodeBatch);
        System.out.printf(Locale.ROOT, "| roof analysis, decode included | %.1f | %.1f | %.0f |%n", analyseMs[single / 2],
                analyseMs[(int) (single * 0.99)], n / analyseBatch);
        System.out.printf(Locale.ROOT, "%nroofs=%d p50=%.1fms p99=%.1fms batch=%.1fs ratio-to-decode=%.1f%n", n,
                analyseMs[single / 2], analyseMs[(int) (single * 0.99)], analyseBatch,
                analyseMs[single / 2] / decodeMs[single / 2]);
    }

    static RoofAnalysis analyse(RoofAnalyzer analyzer, byte[] jpeg, List<double[]> outline) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
            return analyzer.analyse(new RoofAnalyzer.Input(UUID.randomUUID(), UUID.randomUUID(), img, 0.05,
                    LocalDate.of(2025, 6, 1), false, 36.1627, -86.7816, outline, 1722, 15, null, null, null, null));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The 16 x 10 m roof's corners as {lat, lon}, centred on the image. */
    static List<double[]> outline() {
        double cos = Math.cos(Math.toRadians(36.1627));
        double dLat = 5 / 110_574.0;
        double dLon = 8 / (111_320.0 * cos);
        return List.of(new double[] {36.1627 + dLat, -86.7816 - dLon}, new double[] {36.1627 + dLat, -86.7816 + dLon},
                new double[] {36.1627 - dLat, -86.7816 + dLon}, new double[] {36.1627 - dLat, -86.7816 - dLon});
    }

    static BufferedImage roof(Random r, int i) {
        BufferedImage img = new BufferedImage(800, 800, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(90 + r.nextInt(20), 125 + r.nextInt(20), 70));
        g.fillRect(0, 0, 800, 800);
        int x0 = 240, y0 = 300, w = 320, h = 200;
        int base = 70 + r.nextInt(40);
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int v = base + r.nextInt(16) - ((y - y0) % 5 == 0 ? 12 : 0);
                img.setRGB(x, y, new Color(v, v, v + 3).getRGB());
            }
        }
        switch (i % 4) {
            case 1 -> {
                g.setColor(new Color(40, 100, 210));
                g.fillRect(x0 + 40 + r.nextInt(100), y0 + 30 + r.nextInt(60), 60, 40);
            }
            case 2 -> {
                g.setColor(new Color(190, 155, 100));
                g.fillRect(x0 + 60 + r.nextInt(100), y0 + 40 + r.nextInt(60), 30, 30);
            }
            case 3 -> {
                g.setColor(new Color(70, 120, 45));
                g.fillRect(x0 + 20 + r.nextInt(100), y0 + 20 + r.nextInt(60), 40, 30);
            }
            default -> {
            }
        }
        g.dispose();
        return img;
    }

    static byte[] jpeg(BufferedImage img) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }
}

package dev.ridgeline.roof.model;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.roof.RoofAnalysis;
import dev.ridgeline.roof.RoofAnalyzer;
import dev.ridgeline.roof.RoofRules;

/**
 * Detector checks on images with known content: real roof crops, each analysed as it is (whatever a detector finds
 * there is a false alarm, since the crops are chosen undamaged) and again with a blue tarp, then a patch of bare
 * decking, painted at a random place inside the roof region. A detection counts when its box covers the painted
 * area's centre; its box's intersection over union with the painted rectangle is kept. Crops carry no footprint, so
 * the roof region is the analyser's own for that case (the middle third).
 */
public final class DetectorCheck {

    /** One detector's figures over the crops. */
    public record Score(String detector, int roofs, int found, int onTarget, double meanIou, int falseAlarms,
            int notAssessed) {

        public double recall() {
            return roofs == 0 ? 0 : (double) onTarget / roofs;
        }

        public double falseAlarmRate() {
            return roofs == 0 ? 0 : (double) falseAlarms / roofs;
        }
    }

    /** Tarps and bare decking over the same crops; {@code millis} is the median analysis time. */
    public record Result(int crops, double metresPerPixel, Score tarp, Score missing, double millis) {

        /** One JSON object for scripts. */
        public String json() {
            return String.format(Locale.ROOT, "{\"crops\":%d,\"metresPerPixel\":%.3f,\"tarpRecall\":%.4f,\"tarpIou\":%.4f,"
                    + "\"tarpFalseAlarms\":%.4f,\"missingRecall\":%.4f,\"missingIou\":%.4f,\"missingFalseAlarms\":%.4f,"
                    + "\"missingNotAssessed\":%d,\"medianMs\":%.1f}", crops, metresPerPixel, tarp.recall(), tarp.meanIou(),
                    tarp.falseAlarmRate(), missing.recall(), missing.meanIou(), missing.falseAlarmRate(),
                    missing.notAssessed(), millis);
        }
    }

    private static final double LAT = 29.76;
    private static final double LON = -95.37;

    private DetectorCheck() {
    }

    /** The image files under {@code dir} (any depth), sorted, at most {@code limit}. */
    public static List<Path> crops(Path dir, int limit) {
        if (!Files.isDirectory(dir)) {
            throw InvalidInputException.of("dir", dir + " is not a folder");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> out = files.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
            }).sorted().limit(limit).toList();
            if (out.isEmpty()) {
                throw InvalidInputException.of("dir", dir + " has no JPEG or PNG images");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the check over the crops at their ground resolution, painting with {@code seed}. */
    public static Result run(List<BufferedImage> crops, double metresPerPixel, long seed) {
        RoofAnalyzer analyzer = new RoofAnalyzer(RoofRules.defaults());
        Random random = new Random(seed);
        Tally tarp = new Tally("tarp");
        Tally missing = new Tally("missing");
        List<Double> millis = new ArrayList<>();
        for (BufferedImage crop : crops) {
            BufferedImage rgb = copy(crop);
            Rectangle region = new Rectangle(rgb.getWidth() / 3, rgb.getHeight() / 3, rgb.getWidth() / 3,
                    rgb.getHeight() / 3);
            RoofAnalysis clean = analyse(analyzer, rgb, metresPerPixel, millis);
            tarp.clean(clean);
            missing.clean(clean);

            BufferedImage withTarp = copy(rgb);
            Rectangle t = place(region, size(3.0, 4.5, metresPerPixel, random), size(2.5, 3.5, metresPerPixel, random),
                    random);
            paintTarp(withTarp, t, random);
            tarp.painted(analyse(analyzer, jpeg(withTarp), metresPerPixel, millis), t);

            BufferedImage withDeck = copy(rgb);
            int side = size(1.2, 2.0, metresPerPixel, random);
            Rectangle d = place(region, side, side, random);
            paintDeck(withDeck, d, random);
            missing.painted(analyse(analyzer, jpeg(withDeck), metresPerPixel, millis), d);
        }
        double median = millis.stream().sorted().skip(millis.size() / 2).findFirst().orElse(0.0);
        return new Result(crops.size(), metresPerPixel, tarp.score(), missing.score(), median);
    }

    /** The figures as a Markdown table. */
    public static String table(Result r) {
        StringBuilder out = new StringBuilder();
        out.append("| detector | crops | on target (recall) | mean IoU | false alarms on the clean crops | not assessed |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (Score s : List.of(r.tarp(), r.missing())) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %d (%.1f%%) | %.2f | %d (%.1f%%) | %d |%n", s.detector(),
                    s.roofs(), s.onTarget(), s.recall() * 100, s.meanIou(), s.falseAlarms(), s.falseAlarmRate() * 100,
                    s.notAssessed()));
        }
        return out.toString();
    }

    private static final class Tally {

        final String kind;
        int roofs;
        int found;
        int onTarget;
        double iou;
        int falseAlarms;
        int notAssessed;

        Tally(String kind) {
            this.kind = kind;
        }

        void clean(RoofAnalysis a) {
            if (a.finding(kind) != null) {
                falseAlarms++;
            }
        }

        void painted(RoofAnalysis a, Rectangle truth) {
            roofs++;
            if (assessed(a)) {
                RoofAnalysis.Finding f = a.finding(kind);
                if (f != null) {
                    found++;
                    double best = 0;
                    boolean hit = false;
                    for (int[] b : f.boxes()) {
                        Rectangle box = new Rectangle(b[0], b[1], b[2], b[3]);
                        best = Math.max(best, iou(box, truth));
                        hit |= box.contains(truth.getCenterX(), truth.getCenterY());
                    }
                    if (hit) {
                        onTarget++;
                        iou += best;
                    }
                }
            } else {
                notAssessed++;
            }
        }

        boolean assessed(RoofAnalysis a) {
            String prefix = kind.equals("tarp") ? "Tarps:" : "Missing material";
            return a.notAssessed().stream().noneMatch(n -> n.startsWith(prefix) || n.startsWith("Nothing is judged"));
        }

        Score score() {
            return new Score(kind, roofs, found, onTarget, onTarget == 0 ? 0 : iou / onTarget, falseAlarms, notAssessed);
        }
    }

    private static RoofAnalysis analyse(RoofAnalyzer analyzer, BufferedImage img, double mpp, List<Double> millis) {
        RoofAnalysis a = analyzer.analyse(new RoofAnalyzer.Input(UUID.randomUUID(), UUID.randomUUID(), img, mpp,
                LocalDate.of(2025, 6, 1), false, LAT, LON, List.of(), 0, null, null, null, null, null));
        millis.add(a.millis());
        return a;
    }

    static int size(double lowMetres, double highMetres, double mpp, Random random) {
        return Math.max(2, (int) Math.round((lowMetres + random.nextDouble() * (highMetres - lowMetres)) / mpp));
    }

    /** A rectangle of the given size wholly inside the region (shrunk to fit when the region is small). */
    static Rectangle place(Rectangle region, int w, int h, Random random) {
        int width = Math.min(w, Math.max(2, region.width - 2));
        int height = Math.min(h, Math.max(2, region.height - 2));
        int x = region.x + 1 + random.nextInt(Math.max(1, region.width - width - 1));
        int y = region.y + 1 + random.nextInt(Math.max(1, region.height - height - 1));
        return new Rectangle(x, y, width, height);
    }

    /**
     * A blue tarp as they look from above after a storm: new or weathered polyethylene blue, laid over the shingles
     * (a little of them shows through a faded one), speckled, with darker folds, a lighter sheen and sandbags.
     */
    static void paintTarp(BufferedImage img, Rectangle r, Random random) {
        boolean weathered = random.nextBoolean();
        int red = weathered ? 60 + random.nextInt(30) : 20 + random.nextInt(30);
        int green = weathered ? 105 + random.nextInt(30) : 80 + random.nextInt(50);
        int blue = weathered ? 150 + random.nextInt(35) : 185 + random.nextInt(55);
        double alpha = weathered ? 0.8 : 0.95;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                int v = random.nextInt(17) - 8;
                int under = img.getRGB(x, y);
                img.setRGB(x, y, new Color(mix(red + v, (under >> 16) & 0xFF, alpha),
                        mix(green + v, (under >> 8) & 0xFF, alpha), mix(blue + v, under & 0xFF, alpha)).getRGB());
            }
        }
        Graphics2D g = img.createGraphics();
        g.setClip(r);
        g.setStroke(new BasicStroke(Math.max(1, r.width / 12f)));
        g.setColor(new Color(clamp(red - 10), clamp(green - 30), clamp(blue - 50)));
        for (int i = 0; i < 2; i++) {
            g.drawLine(r.x + random.nextInt(r.width), r.y, r.x + random.nextInt(r.width), r.y + r.height);
        }
        g.setColor(new Color(clamp(red + 40), clamp(green + 50), clamp(blue + 15)));
        g.drawLine(r.x, r.y + random.nextInt(r.height), r.x + r.width, r.y + random.nextInt(r.height));
        g.setColor(new Color(70, 68, 62));
        int bag = Math.max(1, Math.min(r.width, r.height) / 8);
        for (int i = 0; i < 4; i++) {
            g.fillRect(r.x + random.nextInt(Math.max(1, r.width - bag)), r.y + random.nextInt(Math.max(1, r.height - bag)),
                    bag, bag);
        }
        g.dispose();
    }

    private static int mix(int paint, int under, double alpha) {
        return clamp((int) Math.round(paint * alpha + under * (1 - alpha)));
    }

    /** The image as the analyser gets it from a provider: through JPEG at quality 0.8. */
    static BufferedImage jpeg(BufferedImage img) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("jpeg").next();
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.8f);
            try (javax.imageio.stream.ImageOutputStream out = javax.imageio.ImageIO.createImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new javax.imageio.IIOImage(img, null, null), param);
            } finally {
                writer.dispose();
            }
            return javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bare decking: oriented strand board, tan with darker flecks. */
    static void paintDeck(BufferedImage img, Rectangle r, Random random) {
        int red = 185 + random.nextInt(25);
        int green = 150 + random.nextInt(20);
        int blue = 95 + random.nextInt(20);
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                int v = random.nextInt(10) == 0 ? -40 : random.nextInt(15) - 7;
                img.setRGB(x, y, new Color(clamp(red + v), clamp(green + v), clamp(blue + v)).getRGB());
            }
        }
    }

    static double iou(Rectangle a, Rectangle b) {
        Rectangle i = a.intersection(b);
        if (i.isEmpty()) {
            return 0;
        }
        double inter = (double) i.width * i.height;
        return inter / ((double) a.width * a.height + (double) b.width * b.height - inter);
    }

    private static BufferedImage copy(BufferedImage src) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return out;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /** Reads a crop, or says which file is not an image. */
    public static BufferedImage read(Path file) {
        return LabelledImages.image(file);
    }
}

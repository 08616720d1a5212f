package dev.ridgeline.roof;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The explainable roof pipeline on one vertical image: the quality gate, the roof mask from the footprint (shrunk
 * 0.4 m to drop the gutter), the detectors (blue tarps; patches unlike the roof's own texture, i.e. missing or
 * exposed material; moss and dark staining; ponding on low-slope roofs; hail only on close-range photos), the area
 * from the footprint and a pitch band, repair or replace by the company's rules, the cost range, change against an
 * earlier image, and an urgency with its reasons. Every finding carries the pixels it came from.
 */
public final class RoofAnalyzer {

    /** Above this ground resolution the roof's condition is not judged. */
    public static final double CONDITION_MAX_M = 0.30;
    /** Above this, tarps are not looked for. */
    public static final double TARP_MAX_M = 0.50;
    /** Above this, missing shingles and staining are not looked for. */
    public static final double DETAIL_MAX_M = 0.15;
    /** Hail strikes need close-range photos: 5 mm a pixel or finer. */
    public static final double HAIL_MAX_M = 0.005;

    /** What the analysis is given. */
    public record Input(UUID propertyId, UUID imageId, BufferedImage image, double metresPerPixel,
            @Nullable LocalDate capturedOn, boolean synthetic, double centreLat, double centreLon, List<double[]> outline,
            double footprintFt2, @Nullable Integer roofAgeYears, @Nullable String material, @Nullable String pitch,
            @Nullable BufferedImage before, @Nullable LocalDate beforeDay) {
    }

    private final RoofRules rules;

    public RoofAnalyzer(RoofRules rules) {
        this.rules = rules;
    }

    public RoofAnalysis analyse(Input in) {
        return analyse(in, in.metresPerPixel());
    }

    /**
     * The same, for an image whose pixels are finer than the detail the source has ({@code detailMetres}, e.g. tiles
     * of a coarser zoom resampled): thresholds use the detail, the footprint's placing the pixels.
     */
    public RoofAnalysis analyse(Input in, double detailMetres) {
        long start = System.nanoTime();
        BufferedImage img = in.image();
        int w = img.getWidth();
        int h = img.getHeight();
        double pixel = in.metresPerPixel();
        double mpp = Math.max(pixel, detailMetres);
        List<int[]> outline = project(in, w, h);
        boolean[] roof = mask(outline, w, h, (int) Math.round(0.4 / pixel));
        int roofPixels = count(roof);
        float[][] hsv = hsv(img);
        List<RoofAnalysis.Check> quality = new ArrayList<>();
        List<String> notAssessed = new ArrayList<>();
        double coverage = outline.size() >= 3 ? insideShare(outline, w, h) : 0;
        quality.add(new RoofAnalysis.Check("Resolution", fmt(mpp, 2) + " m a pixel", "≤ " + CONDITION_MAX_M + " m",
                mpp <= CONDITION_MAX_M, "condition, missing material, staining"));
        quality.add(new RoofAnalysis.Check("Roof in view", pct(coverage) + " of the footprint inside the image", "≥ 90%",
                coverage >= 0.9 && roofPixels > 50, "everything"));
        double blur = laplacianVariance(hsv[2], roof, w, h);
        quality.add(new RoofAnalysis.Check("Sharpness", "Laplacian variance " + fmt(blur * 1000, 2), "≥ 0.20",
                blur * 1000 >= 0.2, "missing material, staining"));
        double bright = share(roof, i -> hsv[2][i] > 0.92f && hsv[1][i] < 0.08f, w * h);
        quality.add(new RoofAnalysis.Check("Cloud or glare", pct(bright) + " of the roof white", "≤ 60%", bright <= 0.6,
                "everything but the area"));
        double shadow = share(roof, i -> hsv[2][i] < 0.12f, w * h);
        quality.add(new RoofAnalysis.Check("Shadow", pct(shadow) + " of the roof in deep shadow", "≤ 50%", shadow <= 0.5,
                "condition, staining"));
        double trees = share(roof, i -> isGreen(hsv, i) && hsv[2][i] < 0.45f, w * h);
        quality.add(new RoofAnalysis.Check("Trees over the roof", pct(trees) + " of the roof dark green", "≤ 50%",
                trees <= 0.5, "condition"));
        boolean seen = quality.get(1).passed() && quality.get(3).passed();
        boolean sharp = quality.get(2).passed();
        boolean lit = quality.get(4).passed() && quality.get(5).passed();

        List<RoofAnalysis.Finding> findings = new ArrayList<>();
        if (!seen) {
            notAssessed.add("Nothing is judged: " + (coverage < 0.9 ? "the roof is not fully in the image"
                    : "the roof is hidden by cloud or glare") + ".");
        } else {
            boolean[] tarp = new boolean[w * h];
            if (mpp <= TARP_MAX_M) {
                tarps(hsv, roof, tarp, w, h, pixel, roofPixels).ifPresent(findings::add);
            } else {
                notAssessed.add("Tarps: the image is " + fmt(mpp, 2) + " m a pixel; tarps need " + TARP_MAX_M + " m or finer.");
            }
            if (mpp <= DETAIL_MAX_M && sharp && lit) {
                // Tarp pixels are accounted for: the texture cells look at the rest of the roof.
                boolean[] rest = roof.clone();
                for (int i = 0; i < rest.length; i++) {
                    rest[i] &= !tarp[i];
                }
                findings.addAll(cells(hsv, rest, w, h, pixel, roofPixels, in.pitch()));
            } else {
                notAssessed.add("Missing material, moss and staining: " + (mpp > DETAIL_MAX_M ? "need " + DETAIL_MAX_M
                        + " m a pixel or finer (this image is " + fmt(mpp, 2) + ")" : !sharp ? "the image is blurred"
                        : "the roof is in shadow or under trees") + ".");
            }
        }
        notAssessed.add("Hail strikes: need close-range photos of " + (int) (HAIL_MAX_M * 1000)
                + " mm a pixel or finer (this image is " + fmt(mpp * 100, 1) + " cm); an inspection on the roof decides.");
        notAssessed.add("Decking, underlayment and leaks cannot be seen from above.");

        String material = in.material() == null ? RoofRules.DEFAULT_MATERIAL : in.material();
        RoofAnalysis.Area area = area(in, outline.size());
        double damaged = findings.stream().filter(f -> !f.kind().equals("staining"))
                .mapToDouble(RoofAnalysis.Finding::roofShare).sum();
        RoofAnalysis.Verdict verdict = verdict(findings, damaged, in.roofAgeYears(), material, seen);
        RoofAnalysis.Estimate estimate = estimate(verdict, area, damaged, material, in.material() == null);
        RoofAnalysis.Change change = in.before() == null || in.beforeDay() == null || !seen ? null
                : change(in.before(), img, roof, w, h, in.beforeDay(), in.capturedOn());
        List<String> reasons = new ArrayList<>();
        int urgency = urgency(findings, damaged, in.roofAgeYears(), material, change, reasons);
        return new RoofAnalysis(UUID.randomUUID(), in.propertyId(), in.imageId(), w, h, in.capturedOn(), mpp,
                in.synthetic(), quality, outline, findings, notAssessed, area, verdict, estimate, change, urgency, reasons,
                in.roofAgeYears(), material + (in.material() == null ? " (assumed)" : ""), Instant.now(),
                (System.nanoTime() - start) / 1e6, List.of());
    }

    /** The footprint's outline in image pixels: the image is centred on the footprint's centroid. */
    static List<int[]> project(Input in, int w, int h) {
        List<int[]> out = new ArrayList<>();
        double cos = Math.cos(Math.toRadians(in.centreLat()));
        for (double[] ll : in.outline()) {
            int x = (int) Math.round(w / 2.0 + (ll[1] - in.centreLon()) * 111_320.0 * cos / in.metresPerPixel());
            int y = (int) Math.round(h / 2.0 - (ll[0] - in.centreLat()) * 110_574.0 / in.metresPerPixel());
            out.add(new int[] {x, y});
        }
        if (out.size() < 3) {
            // No footprint: the middle third of the image, said plainly in the area's source.
            out = List.of(new int[] {w / 3, h / 3}, new int[] {2 * w / 3, h / 3}, new int[] {2 * w / 3, 2 * h / 3},
                    new int[] {w / 3, 2 * h / 3});
        }
        return out;
    }

    /** The roof's pixels: the outline filled, then eroded by {@code shrink} pixels. */
    public static boolean[] mask(List<int[]> outline, int w, int h, int shrink) {
        BufferedImage m = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = m.createGraphics();
        Polygon p = new Polygon();
        outline.forEach(pt -> p.addPoint(pt[0], pt[1]));
        g.setColor(Color.WHITE);
        g.fillPolygon(p);
        g.dispose();
        boolean[] in = new boolean[w * h];
        byte[] data = ((java.awt.image.DataBufferByte) m.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < in.length; i++) {
            in[i] = data[i] != 0;
        }
        for (int s = 0; s < shrink; s++) {
            boolean[] next = new boolean[in.length];
            for (int y = 1; y < h - 1; y++) {
                for (int x = 1; x < w - 1; x++) {
                    int i = y * w + x;
                    next[i] = in[i] && in[i - 1] && in[i + 1] && in[i - w] && in[i + w];
                }
            }
            if (count(next) < 20) {
                break;
            }
            in = next;
        }
        return in;
    }

    private static double insideShare(List<int[]> outline, int w, int h) {
        long inside = outline.stream().filter(p -> p[0] >= 0 && p[0] < w && p[1] >= 0 && p[1] < h).count();
        return (double) inside / outline.size();
    }

    public static float[][] hsv(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
        float[][] out = new float[3][w * h];
        float[] t = new float[3];
        for (int i = 0; i < rgb.length; i++) {
            Color.RGBtoHSB((rgb[i] >> 16) & 0xFF, (rgb[i] >> 8) & 0xFF, rgb[i] & 0xFF, t);
            out[0][i] = t[0] * 360f;
            out[1][i] = t[1];
            out[2][i] = t[2];
        }
        return out;
    }

    private static boolean isTarp(float[][] hsv, int i) {
        return hsv[0][i] >= 190 && hsv[0][i] <= 250 && hsv[1][i] > 0.35f && hsv[2][i] > 0.3f;
    }

    private static boolean isGreen(float[][] hsv, int i) {
        return hsv[0][i] >= 70 && hsv[0][i] <= 170 && hsv[1][i] > 0.2f;
    }

    /** Blue tarps: tarp-blue pixels on the roof, joined into pieces of at least 1 m². */
    private static java.util.Optional<RoofAnalysis.Finding> tarps(float[][] hsv, boolean[] roof, boolean[] blue, int w,
            int h, double mpp, int roofPixels) {
        for (int i = 0; i < blue.length; i++) {
            blue[i] = roof[i] && isTarp(hsv, i);
        }
        int minPixels = (int) Math.max(4, Math.ceil(1.0 / (mpp * mpp)));
        List<int[]> boxes = new ArrayList<>();
        long pixels = 0;
        for (int[] c : components(blue, w, h)) {
            if (c[4] >= minPixels) {
                boxes.add(new int[] {c[0], c[1], c[2], c[3]});
                pixels += c[4];
            }
        }
        if (boxes.isEmpty()) {
            return java.util.Optional.empty();
        }
        double share = (double) pixels / roofPixels;
        double m2 = pixels * mpp * mpp;
        return java.util.Optional.of(new RoofAnalysis.Finding("tarp", "Blue tarp", Math.min(1, 0.7 + share * 3), share, m2,
                boxes, String.format(Locale.ROOT, "%.1f m² of tarp-blue (hue 190-250°, saturated) in %d piece%s",
                        m2, boxes.size(), boxes.size() == 1 ? "" : "s")));
    }

    /**
     * The roof in cells of about 0.75 m, each compared with the roof's own median (robust z-scores): cells much
     * lighter or darker, or of another texture, are missing or exposed material; green cells are moss; dark, dull
     * cells are staining; on a low-slope roof, large smooth dark areas are ponding.
     */
    private List<RoofAnalysis.Finding> cells(float[][] hsv, boolean[] roof, int w, int h, double mpp, int roofPixels,
            @Nullable String pitch) {
        int cell = (int) Math.max(4, Math.round(0.75 / mpp));
        int cw = (w + cell - 1) / cell;
        int ch = (h + cell - 1) / cell;
        double[] lum = new double[cw * ch];
        double[] tex = new double[cw * ch];
        double[] greenShare = new double[cw * ch];
        boolean[] used = new boolean[cw * ch];
        for (int cy = 0; cy < ch; cy++) {
            for (int cx = 0; cx < cw; cx++) {
                double s = 0, s2 = 0, n = 0, g = 0;
                for (int y = cy * cell; y < Math.min(h, cy * cell + cell); y++) {
                    for (int x = cx * cell; x < Math.min(w, cx * cell + cell); x++) {
                        int i = y * w + x;
                        if (!roof[i]) {
                            continue;
                        }
                        s += hsv[2][i];
                        s2 += hsv[2][i] * hsv[2][i];
                        n++;
                        g += isGreen(hsv, i) ? 1 : 0;
                    }
                }
                int c = cy * cw + cx;
                if (n >= cell * cell * 0.6) {
                    used[c] = true;
                    lum[c] = s / n;
                    tex[c] = Math.sqrt(Math.max(0, s2 / n - (s / n) * (s / n)));
                    greenShare[c] = g / n;
                }
            }
        }
        double[] lumStats = medianMad(lum, used);
        double[] texStats = medianMad(tex, used);
        boolean[] missing = new boolean[cw * ch];
        boolean[] moss = new boolean[cw * ch];
        boolean[] stain = new boolean[cw * ch];
        for (int c = 0; c < used.length; c++) {
            if (!used[c]) {
                continue;
            }
            double zl = (lum[c] - lumStats[0]) / Math.max(0.01, lumStats[1]);
            double zt = (tex[c] - texStats[0]) / Math.max(0.005, texStats[1]);
            if (greenShare[c] > 0.5) {
                moss[c] = true;
            } else if (Math.abs(zl) > 4 || Math.abs(zt) > 5) {
                missing[c] = zl > 0 || zt > 5 || zl < -6;
                stain[c] = !missing[c];
            } else if (zl < -3) {
                stain[c] = true;
            }
        }
        List<RoofAnalysis.Finding> out = new ArrayList<>();
        double cellM2 = cell * cell * mpp * mpp;
        int roofCells = count(used);
        finding(out, "missing", "Missing or exposed material", missing, cw, ch, cell, cellM2, roofCells,
                "cells unlike the roof's own brightness or texture (robust z over 4)");
        finding(out, "moss", "Moss or algae", moss, cw, ch, cell, cellM2, roofCells, "cells more than half green");
        finding(out, "staining", "Dark staining or streaks", stain, cw, ch, cell, cellM2, roofCells,
                "cells darker than the roof's median (robust z below -3)");
        if (pitch != null && (pitch.startsWith("0/") || pitch.startsWith("1/") || pitch.startsWith("2/"))) {
            boolean[] pond = new boolean[cw * ch];
            for (int c = 0; c < used.length; c++) {
                pond[c] = used[c] && lum[c] < lumStats[0] - 2 * lumStats[1] && tex[c] < texStats[0];
            }
            finding(out, "ponding", "Ponding", pond, cw, ch, cell, cellM2, roofCells,
                    "smooth cells darker than the roof on a low-slope roof");
        }
        return out;
    }

    private static void finding(List<RoofAnalysis.Finding> out, String kind, String label, boolean[] flagged, int cw,
            int ch, int cell, double cellM2, int roofCells, String how) {
        List<int[]> boxes = new ArrayList<>();
        long cells = 0;
        for (int[] c : components(flagged, cw, ch)) {
            // A thin straight run of cells is a ridge, hip or valley line, which looks unlike the field by design.
            if (Math.min(c[2], c[3]) <= 2 && Math.max(c[2], c[3]) >= 4 * Math.min(c[2], c[3]) && c[4] <= 2L * Math.max(c[2], c[3])) {
                continue;
            }
            boxes.add(new int[] {c[0] * cell, c[1] * cell, c[2] * cell, c[3] * cell});
            cells += c[4];
        }
        if (cells == 0 || roofCells == 0) {
            return;
        }
        double share = (double) cells / roofCells;
        out.add(new RoofAnalysis.Finding(kind, label, Math.min(1, 0.5 + share * 2), share, cells * cellM2, boxes,
                String.format(Locale.ROOT, "%d of %d cells of %.2f m²: %s", cells, roofCells, cellM2, how)));
    }

    /** Connected components (4-neighbour) as {x, y, w, h, count}. */
    static List<int[]> components(boolean[] on, int w, int h) {
        boolean[] seen = new boolean[on.length];
        List<int[]> out = new ArrayList<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int s = 0; s < on.length; s++) {
            if (!on[s] || seen[s]) {
                continue;
            }
            int minX = w, minY = h, maxX = -1, maxY = -1, n = 0;
            queue.add(s);
            seen[s] = true;
            while (!queue.isEmpty()) {
                int i = queue.poll();
                int x = i % w, y = i / w;
                n++;
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
                int[] next = {x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1};
                for (int j : next) {
                    if (j >= 0 && on[j] && !seen[j]) {
                        seen[j] = true;
                        queue.add(j);
                    }
                }
            }
            out.add(new int[] {minX, minY, maxX - minX + 1, maxY - minY + 1, n});
        }
        return out;
    }

    /** Area: footprint x pitch multiplier x (1 + waste), as a band when the pitch is not known. */
    private static RoofAnalysis.Area area(Input in, int corners) {
        double[] band;
        String pitch;
        if (in.pitch() != null && in.pitch().matches("\\d{1,2}/12")) {
            double rise = Integer.parseInt(in.pitch().substring(0, in.pitch().indexOf('/')));
            double m = Math.sqrt(1 + (rise / 12) * (rise / 12));
            band = new double[] {m, m, m};
            pitch = in.pitch();
        } else {
            band = new double[] {1.054, 1.118, 1.202};
            pitch = "4/12 to 8/12 (not known; a regional default band)";
        }
        double waste = corners > 6 ? 0.15 : 0.10;
        double ft2 = in.footprintFt2();
        return new RoofAnalysis.Area(ft2, pitch, band[0], band[2], waste, ft2 * band[0] * (1 + waste) / 100,
                ft2 * band[1] * (1 + waste) / 100, ft2 * band[2] * (1 + waste) / 100,
                ft2 > 0 ? "the building footprint" : "no footprint: the area is unknown");
    }

    private RoofAnalysis.Verdict verdict(List<RoofAnalysis.Finding> findings, double damaged, @Nullable Integer age,
            String material, boolean seen) {
        int life = rules.lifespan(material);
        List<String> read = new ArrayList<>();
        boolean anyDamage = findings.stream().anyMatch(f -> !f.kind().equals("staining"));
        boolean worn = age != null && age >= rules.endOfLifeShare() * life;
        read.add(String.format(Locale.ROOT, "Damaged share %s (replace from %s)", pct(damaged),
                pct(rules.replaceDamagedShare())));
        read.add(age == null ? "Roof age unknown (no permit, no year built)"
                : String.format(Locale.ROOT, "Roof age %d of about %d years for %s (end of life from %d)", age, life,
                        material, (int) Math.ceil(rules.endOfLifeShare() * life)));
        read.add(anyDamage ? "Damage findings: " + String.join(", ", findings.stream()
                .filter(f -> !f.kind().equals("staining")).map(f -> f.label().toLowerCase(Locale.ROOT)).toList())
                : "No damage finding");
        if (!seen) {
            return new RoofAnalysis.Verdict("unknown", "the image cannot show the roof", read);
        }
        if (damaged >= rules.replaceDamagedShare()) {
            return new RoofAnalysis.Verdict("replace", "findings cover " + pct(damaged) + " of the roof", read);
        }
        if (worn && anyDamage) {
            return new RoofAnalysis.Verdict("replace", "the roof is near the end of its life and shows damage", read);
        }
        if (anyDamage) {
            return new RoofAnalysis.Verdict("repair", "local damage on " + pct(damaged) + " of the roof", read);
        }
        if (worn) {
            return new RoofAnalysis.Verdict("inspect", "no damage seen, but the roof is near the end of its life", read);
        }
        return new RoofAnalysis.Verdict("none", "nothing from above calls for work; an inspection decides", read);
    }

    private RoofAnalysis.Estimate estimate(RoofAnalysis.Verdict verdict, RoofAnalysis.Area area, double damaged,
            String material, boolean assumed) {
        int[] price = rules.price(material);
        double m = 0.4 + 0.6 * rules.regionMultiplier();
        List<String> assumptions = new ArrayList<>();
        assumptions.add(String.format(Locale.ROOT, "%s%s at $%d-%d a square installed with tear-off of one layer",
                material, assumed ? " (assumed: material not known)" : "", price[0], price[1]));
        assumptions.add(String.format(Locale.ROOT, "regional multiplier %.2f on the labour share (60%%)",
                rules.regionMultiplier()));
        assumptions.add(String.format(Locale.ROOT, "%.1f to %.1f squares (pitch %s, %d%% waste)", area.squaresLow(),
                area.squaresHigh(), area.pitch(), Math.round(area.waste() * 100)));
        if (verdict.decision().equals("replace") || verdict.decision().equals("inspect")) {
            return new RoofAnalysis.Estimate(round(area.squaresLow() * price[0] * m), round(area.squaresHigh() * price[1] * m),
                    "replacement", assumptions);
        }
        if (verdict.decision().equals("repair")) {
            double squares = Math.max(0.5, damaged * area.squaresExpected() * 1.1);
            assumptions.add(String.format(Locale.ROOT, "repair of %.1f squares (damaged share + 10%%) at 1.5x the "
                    + "square price, at least $%d", squares, rules.repairMinimum()));
            return new RoofAnalysis.Estimate(Math.max(rules.repairMinimum(), round(squares * price[0] * 1.5 * m)),
                    Math.max(rules.repairMinimum(), round(squares * price[1] * 1.5 * m)), "repair", assumptions);
        }
        return new RoofAnalysis.Estimate(0, 0, "none", assumptions);
    }

    /**
     * Change against an earlier image of the same roof: both resampled to this one's size (both are centred on the
     * footprint), the earlier one's brightness matched to this one's inside the roof, and cells of about 1 m
     * compared. Most of the roof changed: probably re-roofed between the two dates; some cells: new damage or a
     * repair.
     */
    private static RoofAnalysis.Change change(BufferedImage before, BufferedImage after, boolean[] roof, int w, int h,
            LocalDate beforeDay, @Nullable LocalDate afterDay) {
        BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = b.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(before, 0, 0, w, h, null);
        g.dispose();
        float[] vb = hsv(b)[2];
        float[] va = hsv(after)[2];
        double[] sb = meanSd(vb, roof);
        double[] sa = meanSd(va, roof);
        int cell = Math.max(4, w / 24);
        int changed = 0, total = 0;
        List<int[]> cells = new ArrayList<>();
        for (int y = 0; y + cell <= h; y += cell) {
            for (int x = 0; x + cell <= w; x += cell) {
                double db = 0, da = 0;
                int n = 0;
                for (int yy = y; yy < y + cell; yy++) {
                    for (int xx = x; xx < x + cell; xx++) {
                        int i = yy * w + xx;
                        if (roof[i]) {
                            db += (vb[i] - sb[0]) / Math.max(0.01, sb[1]);
                            da += (va[i] - sa[0]) / Math.max(0.01, sa[1]);
                            n++;
                        }
                    }
                }
                if (n < cell * cell / 2) {
                    continue;
                }
                total++;
                if (Math.abs(da / n - db / n) > 1.0) {
                    changed++;
                    cells.add(new int[] {x, y, cell, cell});
                }
            }
        }
        // A re-roof changes the whole roof's brightness, which matching would hide: compare the raw means too.
        boolean wholeRoof = Math.abs(sa[0] - sb[0]) > 0.12;
        double share = total == 0 ? 0 : (double) changed / total;
        String finding = wholeRoof || share > 0.6 ? "probable re-roof between " + beforeDay + " and " + afterDay
                : share > 0.03 ? "local change on " + pct(share) + " of the roof: new damage or a repair"
                : "no change seen";
        return new RoofAnalysis.Change(beforeDay, afterDay == null ? beforeDay : afterDay, finding,
                wholeRoof ? 1.0 : share, wholeRoof ? List.of() : cells);
    }

    private int urgency(List<RoofAnalysis.Finding> findings, double damaged, @Nullable Integer age, String material,
            RoofAnalysis.@Nullable Change change, List<String> reasons) {
        double u = 0;
        RoofAnalysis.Finding tarp = findings.stream().filter(f -> f.kind().equals("tarp")).findFirst().orElse(null);
        if (tarp != null) {
            u += 45;
            reasons.add("+45 a blue tarp on the roof (" + fmt(tarp.areaM2(), 1) + " m²)");
        }
        double missing = findings.stream().filter(f -> f.kind().equals("missing") || f.kind().equals("ponding"))
                .mapToDouble(RoofAnalysis.Finding::roofShare).sum();
        if (missing > 0) {
            int pts = (int) Math.round(Math.min(35, 10 + missing * 100));
            u += pts;
            reasons.add("+" + pts + " missing or exposed material on " + pct(missing) + " of the roof");
        }
        if (findings.stream().anyMatch(f -> f.kind().equals("moss") || f.kind().equals("staining"))) {
            u += 8;
            reasons.add("+8 moss or staining");
        }
        if (age != null) {
            int life = rules.lifespan(material);
            int pts = (int) Math.round(Math.max(0, Math.min(30, 30.0 * (age - 0.5 * life) / (0.5 * life))));
            if (pts > 0) {
                u += pts;
                reasons.add("+" + pts + " roof about " + age + " of " + life + " years old");
            }
        }
        if (change != null && change.finding().startsWith("local change")) {
            u += 10;
            reasons.add("+10 " + change.finding());
        }
        if (change != null && change.finding().startsWith("probable re-roof")) {
            u -= 30;
            reasons.add("-30 " + change.finding());
        }
        if (reasons.isEmpty()) {
            reasons.add("nothing urgent seen from above");
        }
        return (int) Math.max(0, Math.min(100, Math.round(u)));
    }

    private static double laplacianVariance(float[] v, boolean[] roof, int w, int h) {
        double s = 0, s2 = 0;
        int n = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                if (!roof[i]) {
                    continue;
                }
                double l = v[i - 1] + v[i + 1] + v[i - w] + v[i + w] - 4 * v[i];
                s += l;
                s2 += l * l;
                n++;
            }
        }
        if (n == 0) {
            return 0;
        }
        double mean = s / n;
        return s2 / n - mean * mean;
    }

    private static double[] medianMad(double[] values, boolean[] used) {
        double[] v = java.util.stream.IntStream.range(0, values.length).filter(i -> used[i]).mapToDouble(i -> values[i])
                .sorted().toArray();
        if (v.length == 0) {
            return new double[] {0, 1};
        }
        double median = v[v.length / 2];
        double[] dev = Arrays.stream(v).map(x -> Math.abs(x - median)).sorted().toArray();
        return new double[] {median, 1.4826 * dev[dev.length / 2]};
    }

    private static double[] meanSd(float[] v, boolean[] mask) {
        double s = 0, s2 = 0;
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if (mask[i]) {
                s += v[i];
                s2 += v[i] * v[i];
                n++;
            }
        }
        double mean = n == 0 ? 0 : s / n;
        return new double[] {mean, n == 0 ? 1 : Math.sqrt(Math.max(0, s2 / n - mean * mean))};
    }

    private interface IntTest {
        boolean test(int i);
    }

    private static double share(boolean[] mask, IntTest test, int n) {
        int in = 0, hit = 0;
        for (int i = 0; i < n; i++) {
            if (mask[i]) {
                in++;
                if (test.test(i)) {
                    hit++;
                }
            }
        }
        return in == 0 ? 0 : (double) hit / in;
    }

    static int count(boolean[] b) {
        int n = 0;
        for (boolean x : b) {
            n += x ? 1 : 0;
        }
        return n;
    }

    private static long round(double dollars) {
        return Math.round(dollars / 50.0) * 50;
    }

    static String pct(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    static String fmt(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }
}

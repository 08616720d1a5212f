package dev.ridgeline.roof;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Hail-strike candidates on close-range roof photos (a drone at a few metres, a phone on the roof): round marks of
 * 10 to 50 mm, darker (granules knocked off) or brighter (bruises) than the shingle around them, found with a
 * centre-surround filter at the scales those sizes take at the photo's millimetres a pixel, kept when round and
 * clearly apart from the local texture, and counted per 100 ft² (a 10 x 10 ft test square). Evidence for a person,
 * not a verdict: debris, lichen, colour variation between shingle lots and shadows make look-alikes, and only an
 * inspection decides. Refuses photos coarser than 5 mm a pixel.
 */
public final class HailDetector {

    /** Marks smaller than this are not looked for. */
    static final double MIN_MM = 10;
    static final double MAX_MM = 50;

    /** A candidate: centre, diameter in pixels and mm, dark or bright, and its contrast. */
    public record Candidate(int x, int y, int diameterPx, double diameterMm, boolean dark, double contrast) {
    }

    /** The result: the candidates, the density per 100 ft², or why the photo cannot show hail. */
    public record Result(List<Candidate> candidates, double perHundredSquareFeet, double photoSquareFeet,
            String note) {
    }

    private HailDetector() {
    }

    public static Result detect(BufferedImage photo, double mmPerPixel) {
        int w = photo.getWidth();
        int h = photo.getHeight();
        double ft2 = w * mmPerPixel / 304.8 * (h * mmPerPixel / 304.8);
        if (!(mmPerPixel > 0) || mmPerPixel > RoofAnalyzer.HAIL_MAX_M * 1000) {
            return new Result(List.of(), 0, ft2, String.format(Locale.ROOT, "This photo is %.1f mm a pixel; hail "
                    + "strikes need %d mm a pixel or finer (a drone a few metres above, or a phone on the roof).",
                    mmPerPixel, (int) (RoofAnalyzer.HAIL_MAX_M * 1000)));
        }
        float[] v = RoofAnalyzer.hsv(photo)[2];
        float[] integral = new float[(w + 1) * (h + 1)];
        float[] integralSq = new float[(w + 1) * (h + 1)];
        for (int y = 0; y < h; y++) {
            float row = 0;
            float rowSq = 0;
            for (int x = 0; x < w; x++) {
                row += v[y * w + x];
                rowSq += v[y * w + x] * v[y * w + x];
                integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1] + row;
                integralSq[(y + 1) * (w + 1) + x + 1] = integralSq[y * (w + 1) + x + 1] + rowSq;
            }
        }
        // The shingle's own texture: the spread of brightness over the whole photo, the yardstick of contrast.
        double n = (double) w * h;
        double all = integral[h * (w + 1) + w] / n;
        double texture = Math.sqrt(Math.max(1e-6, integralSq[h * (w + 1) + w] / n - all * all));
        List<Candidate> found = new ArrayList<>();
        boolean[] taken = new boolean[w * h];
        // Largest marks first, so a big strike is found at its own size, not as small blobs on its edge.
        for (double mm = MAX_MM; mm >= MIN_MM; mm /= 1.4) {
            int r = (int) Math.max(2, Math.round(mm / mmPerPixel / 2));
            int ring = r * 2;
            int step = Math.max(1, r / 2);
            for (int y = ring; y < h - ring; y += step) {
                for (int x = ring; x < w - ring; x += step) {
                    if (taken[y * w + x]) {
                        continue;
                    }
                    double inner = mean(integral, w, x, y, r);
                    double outer = mean(integral, w, x, y, ring);
                    double surround = (outer * (2 * ring + 1) * (2 * ring + 1) - inner * (2 * r + 1) * (2 * r + 1))
                            / ((2.0 * ring + 1) * (2 * ring + 1) - (2.0 * r + 1) * (2 * r + 1));
                    double contrast = (inner - surround) / texture;
                    if (Math.abs(contrast) < 2.2 || Math.abs(inner - surround) < 0.08) {
                        continue;
                    }
                    if (!round(v, w, x, y, r, inner, surround)) {
                        continue;
                    }
                    found.add(new Candidate(x, y, 2 * r, 2 * r * mmPerPixel, contrast < 0, Math.abs(contrast)));
                    for (int yy = Math.max(0, y - ring); yy < Math.min(h, y + ring); yy++) {
                        for (int xx = Math.max(0, x - ring); xx < Math.min(w, x + ring); xx++) {
                            taken[yy * w + xx] = true;
                        }
                    }
                }
            }
        }
        double density = ft2 == 0 ? 0 : found.size() / ft2 * 100;
        return new Result(found, density, ft2, String.format(Locale.ROOT, "%d candidate%s on %.0f ft² of roof "
                + "(%.1f per 100 ft²); round marks of %d-%d mm unlike the shingle around them. Evidence for a person: "
                + "debris, lichen and colour variation look alike, and an inspection decides.", found.size(),
                found.size() == 1 ? "" : "s", ft2, density, (int) MIN_MM, (int) MAX_MM));
    }

    /** Round: the mark's contrast holds on all four sides at its radius, not only along one direction (a streak). */
    private static boolean round(float[] v, int w, int x, int y, int r, double inner, double surround) {
        int[][] dirs = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, 1}, {-1, -1}, {1, -1}, {-1, 1}};
        int holds = 0;
        for (int[] d : dirs) {
            int k = (int) Math.round(r * 0.6);
            double in = v[(y + d[1] * k) * w + x + d[0] * k];
            int o = (int) Math.round(r * 1.6);
            double out = v[(y + d[1] * o) * w + x + d[0] * o];
            if (Math.signum(in - out) == Math.signum(inner - surround) && Math.abs(in - out) > 0.04) {
                holds++;
            }
        }
        return holds == dirs.length;
    }

    private static double mean(float[] integral, int w, int x, int y, int r) {
        int stride = w + 1;
        int x0 = x - r, y0 = y - r, x1 = x + r + 1, y1 = y + r + 1;
        double s = integral[y1 * stride + x1] - integral[y0 * stride + x1] - integral[y1 * stride + x0]
                + integral[y0 * stride + x0];
        return s / ((2.0 * r + 1) * (2 * r + 1));
    }
}

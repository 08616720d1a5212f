package dev.ridgeline.roof;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Colour and texture features of a roof image, each with a name a person can read: hue, saturation and brightness
 * histograms and moments; grey-level co-occurrence (contrast, homogeneity, energy, correlation, entropy); local
 * binary patterns; edge strength and orientation; dark and bright blobs; and the shares of tarp-blue, green, dark
 * and bright pixels. Computed inside a mask (the roof) when one is given. About 3 ms for a 128 x 128 crop.
 */
public final class RoofFeatures {

    /** The features' names, in the order {@link #of} returns them. */
    public static final List<String> NAMES = names();

    private RoofFeatures() {
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            n.add("hue_" + (i * 30) + "_" + (i * 30 + 30));
        }
        for (int i = 0; i < 6; i++) {
            n.add("saturation_bin_" + i);
        }
        for (int i = 0; i < 6; i++) {
            n.add("brightness_bin_" + i);
        }
        for (String c : new String[] {"red", "green", "blue", "saturation", "brightness"}) {
            n.add(c + "_mean");
            n.add(c + "_sd");
        }
        n.addAll(List.of("glcm_contrast", "glcm_homogeneity", "glcm_energy", "glcm_correlation", "glcm_entropy",
                "glcm_contrast_range"));
        for (int i = 0; i <= 9; i++) {
            n.add(i == 9 ? "lbp_nonuniform" : "lbp_uniform_" + i);
        }
        n.addAll(List.of("edge_mean", "edge_sd", "edge_fraction"));
        for (int i = 0; i < 8; i++) {
            n.add("edge_orientation_" + (i * 180 / 8));
        }
        n.add("edge_orientation_entropy");
        n.addAll(List.of("dark_blobs_small", "bright_blobs_small", "dark_blobs_large", "bright_blobs_large"));
        n.addAll(List.of("tarp_blue_share", "green_share", "dark_share", "bright_share"));
        return List.copyOf(n);
    }

    /** The features of an image, over the pixels where {@code mask} is true (all of them when it is null). */
    public static double[] of(BufferedImage image, boolean @Nullable [] mask) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        int n = w * h;
        float[] hue = new float[n];
        float[] sat = new float[n];
        float[] val = new float[n];
        float[] grey = new float[n];
        double[] out = new double[NAMES.size()];
        int k = 0;
        double[] hueHist = new double[12];
        double[] satHist = new double[6];
        double[] valHist = new double[6];
        double[] sum = new double[5];
        double[] sumSq = new double[5];
        double tarp = 0, green = 0, dark = 0, bright = 0;
        int count = 0;
        float[] hsv = new float[3];
        for (int i = 0; i < n; i++) {
            int p = rgb[i];
            int r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;
            java.awt.Color.RGBtoHSB(r, g, b, hsv);
            hue[i] = hsv[0] * 360f;
            sat[i] = hsv[1];
            val[i] = hsv[2];
            grey[i] = (0.299f * r + 0.587f * g + 0.114f * b) / 255f;
            if (mask != null && !mask[i]) {
                continue;
            }
            count++;
            hueHist[Math.min(11, (int) (hue[i] / 30))] += sat[i];
            satHist[Math.min(5, (int) (sat[i] * 6))]++;
            valHist[Math.min(5, (int) (val[i] * 6))]++;
            double[] v = {r / 255.0, g / 255.0, b / 255.0, sat[i], val[i]};
            for (int c = 0; c < 5; c++) {
                sum[c] += v[c];
                sumSq[c] += v[c] * v[c];
            }
            if (hue[i] >= 190 && hue[i] <= 250 && sat[i] > 0.35 && val[i] > 0.3) {
                tarp++;
            }
            if (hue[i] >= 70 && hue[i] <= 170 && sat[i] > 0.2) {
                green++;
            }
            if (val[i] < 0.2) {
                dark++;
            }
            if (val[i] > 0.85) {
                bright++;
            }
        }
        if (count == 0) {
            return out;
        }
        double hueTotal = java.util.Arrays.stream(hueHist).sum();
        for (double x : hueHist) {
            out[k++] = hueTotal == 0 ? 0 : x / hueTotal;
        }
        for (double x : satHist) {
            out[k++] = x / count;
        }
        for (double x : valHist) {
            out[k++] = x / count;
        }
        for (int c = 0; c < 5; c++) {
            double mean = sum[c] / count;
            out[k++] = mean;
            out[k++] = Math.sqrt(Math.max(0, sumSq[c] / count - mean * mean));
        }
        k = glcm(grey, mask, w, h, out, k);
        k = lbp(grey, mask, w, h, out, k);
        k = edges(grey, mask, w, h, out, k);
        k = blobs(grey, mask, w, h, out, k);
        out[k++] = tarp / count;
        out[k++] = green / count;
        out[k++] = dark / count;
        out[k++] = bright / count;
        return out;
    }

    private static boolean in(boolean @Nullable [] mask, int i) {
        return mask == null || mask[i];
    }

    /** Co-occurrence of 16 grey levels at distance 1 in 4 directions, averaged; and the range of contrast. */
    private static int glcm(float[] grey, boolean @Nullable [] mask, int w, int h, double[] out, int k) {
        int levels = 16;
        int[][] offsets = {{1, 0}, {1, 1}, {0, 1}, {-1, 1}};
        double contrastSum = 0, homogeneity = 0, energy = 0, correlation = 0, entropy = 0;
        double minContrast = Double.MAX_VALUE, maxContrast = 0;
        for (int[] o : offsets) {
            double[] m = new double[levels * levels];
            double total = 0;
            for (int y = 0; y < h; y++) {
                int yy = y + o[1];
                if (yy < 0 || yy >= h) {
                    continue;
                }
                for (int x = 0; x < w; x++) {
                    int xx = x + o[0];
                    if (xx < 0 || xx >= w || !in(mask, y * w + x) || !in(mask, yy * w + xx)) {
                        continue;
                    }
                    int a = Math.min(levels - 1, (int) (grey[y * w + x] * levels));
                    int b = Math.min(levels - 1, (int) (grey[yy * w + xx] * levels));
                    m[a * levels + b]++;
                    m[b * levels + a]++;
                    total += 2;
                }
            }
            if (total == 0) {
                continue;
            }
            double mean = 0;
            for (int i = 0; i < levels; i++) {
                for (int j = 0; j < levels; j++) {
                    mean += i * m[i * levels + j] / total;
                }
            }
            double var = 0;
            for (int i = 0; i < levels; i++) {
                for (int j = 0; j < levels; j++) {
                    var += (i - mean) * (i - mean) * m[i * levels + j] / total;
                }
            }
            double c = 0, hmg = 0, e = 0, cor = 0, ent = 0;
            for (int i = 0; i < levels; i++) {
                for (int j = 0; j < levels; j++) {
                    double p = m[i * levels + j] / total;
                    if (p == 0) {
                        continue;
                    }
                    c += (i - j) * (i - j) * p;
                    hmg += p / (1 + Math.abs(i - j));
                    e += p * p;
                    cor += var == 0 ? 0 : (i - mean) * (j - mean) * p / var;
                    ent -= p * Math.log(p);
                }
            }
            contrastSum += c;
            homogeneity += hmg;
            energy += e;
            correlation += cor;
            entropy += ent;
            minContrast = Math.min(minContrast, c);
            maxContrast = Math.max(maxContrast, c);
        }
        out[k++] = contrastSum / 4;
        out[k++] = homogeneity / 4;
        out[k++] = energy / 4;
        out[k++] = correlation / 4;
        out[k++] = entropy / 4;
        out[k++] = minContrast == Double.MAX_VALUE ? 0 : maxContrast - minContrast;
        return k;
    }

    /** Rotation-invariant uniform local binary patterns LBP(8,1): 9 uniform codes and the rest. */
    private static int lbp(float[] grey, boolean @Nullable [] mask, int w, int h, double[] out, int k) {
        int[] dx = {-1, 0, 1, 1, 1, 0, -1, -1};
        int[] dy = {-1, -1, -1, 0, 1, 1, 1, 0};
        double[] hist = new double[10];
        double total = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                if (!in(mask, i)) {
                    continue;
                }
                float c = grey[i];
                int ones = 0, transitions = 0;
                boolean first = grey[(y + dy[0]) * w + x + dx[0]] >= c, prev = first;
                for (int d = 0; d < 8; d++) {
                    boolean bit = grey[(y + dy[d]) * w + x + dx[d]] >= c;
                    ones += bit ? 1 : 0;
                    if (d > 0 && bit != prev) {
                        transitions++;
                    }
                    prev = bit;
                }
                if (prev != first) {
                    transitions++;
                }
                hist[transitions <= 2 ? ones : 9]++;
                total++;
            }
        }
        for (double v : hist) {
            out[k++] = total == 0 ? 0 : v / total;
        }
        return k;
    }

    /** Sobel magnitude, the share of strong edges, and the orientation histogram with its entropy. */
    private static int edges(float[] grey, boolean @Nullable [] mask, int w, int h, double[] out, int k) {
        double sum = 0, sumSq = 0, strong = 0, total = 0;
        double[] orient = new double[8];
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                if (!in(mask, i)) {
                    continue;
                }
                double gx = grey[i - w + 1] + 2 * grey[i + 1] + grey[i + w + 1] - grey[i - w - 1] - 2 * grey[i - 1]
                        - grey[i + w - 1];
                double gy = grey[i + w - 1] + 2 * grey[i + w] + grey[i + w + 1] - grey[i - w - 1] - 2 * grey[i - w]
                        - grey[i - w + 1];
                double mag = Math.hypot(gx, gy);
                sum += mag;
                sumSq += mag * mag;
                total++;
                if (mag > 0.25) {
                    strong++;
                }
                double angle = (Math.atan2(gy, gx) + Math.PI) % Math.PI;
                orient[Math.min(7, (int) (angle / Math.PI * 8))] += mag;
            }
        }
        double mean = total == 0 ? 0 : sum / total;
        out[k++] = mean;
        out[k++] = total == 0 ? 0 : Math.sqrt(Math.max(0, sumSq / total - mean * mean));
        out[k++] = total == 0 ? 0 : strong / total;
        double all = java.util.Arrays.stream(orient).sum();
        double entropy = 0;
        for (double o : orient) {
            double p = all == 0 ? 0 : o / all;
            out[k++] = p;
            if (p > 0) {
                entropy -= p * Math.log(p);
            }
        }
        out[k++] = entropy;
        return k;
    }

    /** Centre-surround blobs (a box difference of Gaussians) darker or brighter than around them, at two scales. */
    private static int blobs(float[] grey, boolean @Nullable [] mask, int w, int h, double[] out, int k) {
        float[] integral = new float[(w + 1) * (h + 1)];
        for (int y = 0; y < h; y++) {
            float row = 0;
            for (int x = 0; x < w; x++) {
                row += grey[y * w + x];
                integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1] + row;
            }
        }
        for (int[] scale : new int[][] {{1, 3}, {3, 8}}) {
            double darkCount = 0, brightCount = 0, total = 0;
            int step = Math.max(1, scale[0]);
            for (int y = scale[1]; y < h - scale[1]; y += step) {
                for (int x = scale[1]; x < w - scale[1]; x += step) {
                    if (!in(mask, y * w + x)) {
                        continue;
                    }
                    double centre = box(integral, w, x, y, scale[0]);
                    double surround = box(integral, w, x, y, scale[1]);
                    total++;
                    if (centre < surround - 0.12) {
                        darkCount++;
                    } else if (centre > surround + 0.12) {
                        brightCount++;
                    }
                }
            }
            out[k++] = total == 0 ? 0 : darkCount / total;
            out[k++] = total == 0 ? 0 : brightCount / total;
        }
        // Names order: dark small, bright small, dark large, bright large.
        return k;
    }

    private static double box(float[] integral, int w, int x, int y, int r) {
        int x0 = x - r, y0 = y - r, x1 = x + r + 1, y1 = y + r + 1;
        int stride = w + 1;
        double s = integral[y1 * stride + x1] - integral[y0 * stride + x1] - integral[y1 * stride + x0]
                + integral[y0 * stride + x0];
        return s / ((2 * r + 1) * (2 * r + 1));
    }
}

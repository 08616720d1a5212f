package dev.ridgeline.roof;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Hail candidates on made-up close-range photos of shingles (2 mm a pixel, granule texture, tab lines): dark round
 * marks of 15-35 mm drawn at known places must be found there and nowhere else; a straight scuff is not a strike;
 * a photo too coarse is refused with the reason.
 */
class HailDetectorTests {

    static final double MM = 2.0;

    static BufferedImage shingles(long seed) {
        BufferedImage img = new BufferedImage(600, 450, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int v = 105 + r.nextInt(22) - (y % 71 < 2 ? 40 : 0) - (x % 128 < 2 && (y / 71) % 2 == 0 ? 30 : 0);
                img.setRGB(x, y, new Color(v, v - 3, v - 6).getRGB());
            }
        }
        return img;
    }

    @Test
    void roundDarkMarksAreFoundWhereTheyAre() {
        BufferedImage img = shingles(1);
        int[][] marks = {{100, 120, 8}, {300, 200, 12}, {480, 330, 17}, {220, 380, 10}};
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(45, 43, 40));
        for (int[] m : marks) {
            g.fillOval(m[0] - m[2], m[1] - m[2], 2 * m[2], 2 * m[2]);
        }
        g.dispose();
        HailDetector.Result result = HailDetector.detect(img, MM);
        for (int[] m : marks) {
            assertThat(result.candidates()).as("mark at %d,%d", m[0], m[1])
                    .anyMatch(c -> Math.hypot(c.x() - m[0], c.y() - m[1]) <= m[2] && c.dark());
        }
        assertThat(result.candidates()).allMatch(c -> List.of(marks).stream()
                .anyMatch(m -> Math.hypot(c.x() - m[0], c.y() - m[1]) <= 2.5 * m[2]));
        assertThat(result.photoSquareFeet()).isCloseTo(600 * 2 / 304.8 * (450 * 2 / 304.8), org.assertj.core.data.Offset.offset(0.01));
        assertThat(result.perHundredSquareFeet()).isGreaterThan(0);
        assertThat(result.note()).contains("an inspection decides");
    }

    @Test
    void cleanShinglesAndAStraightScuffShowNoStrike() {
        assertThat(HailDetector.detect(shingles(2), MM).candidates()).isEmpty();
        BufferedImage scuff = shingles(3);
        Graphics2D g = scuff.createGraphics();
        g.setColor(new Color(50, 48, 45));
        g.fillRect(100, 200, 300, 8);
        g.dispose();
        assertThat(HailDetector.detect(scuff, MM).candidates()).isEmpty();
    }

    @Test
    void aCoarsePhotoIsRefusedWithTheReason() {
        HailDetector.Result r = HailDetector.detect(shingles(4), 12);
        assertThat(r.candidates()).isEmpty();
        assertThat(r.note()).startsWith("This photo is 12.0 mm a pixel; hail strikes need 5 mm a pixel or finer");
    }
}

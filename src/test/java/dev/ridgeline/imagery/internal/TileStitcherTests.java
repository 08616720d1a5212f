package dev.ridgeline.imagery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.ridgeline.imagery.ImageRequest;
import dev.ridgeline.imagery.Purpose;
import dev.ridgeline.imagery.TileMath;

/**
 * Stitching against tiles that draw a red dot at the building's global pixel: wherever the building falls among the
 * tiles, the dot must come out in the middle of the crop, and the crop must come from the right zoom and tiles.
 */
class TileStitcherTests {

    @Test
    void theBuildingIsInTheMiddleOfTheCropWhereverItFallsAmongTheTiles() {
        double[][] places = {{36.1627, -86.7816}, {33.7432, -84.3725}, {47.6062, -122.3321}, {29.7604, -95.3698},
                {40.0, -100.0}};
        for (double[] at : places) {
            ImageRequest r = new ImageRequest(Purpose.ROOF_CROP, at[0], at[1], 48, 0.15, 800, List.of(), null, null, null);
            List<int[]> asked = new ArrayList<>();
            var crop = TileStitcher.crop("test", r, 19, (z, x, y) -> {
                asked.add(new int[] {z, x, y});
                return Optional.of(tile(z, x, y, at[0], at[1]));
            }).orElseThrow();
            int size = r.cropPixels();
            assertThat(crop.image().getWidth()).isEqualTo(size);
            assertThat(crop.zoom()).isEqualTo(TileMath.zoomFor(at[0], 48.0 / size, 19));
            assertThat(crop.tiles()).isEqualTo(asked.size()).isBetween(1, 16);
            assertThat(red(crop.image().getRGB(size / 2, size / 2))).as("centre of the crop at %s", at[0]).isTrue();
            assertThat(red(crop.image().getRGB(size / 8, size / 8))).isFalse();
            assertThat(crop.resolutionMetres()).isGreaterThanOrEqualTo(48.0 / size - 1e-9);
        }
    }

    @Test
    void aMissingTileMeansNoCoverage() {
        ImageRequest r = new ImageRequest(Purpose.ROOF_CROP, 36.1627, -86.7816, 48, 0.15, 800, List.of(), null, null, null);
        assertThat(TileStitcher.crop("test", r, 19, (z, x, y) -> Optional.empty())).isEmpty();
    }

    /** A grey tile with a red dot of radius 3 at the point's pixel, when the point falls in it. */
    private static BufferedImage tile(int z, int x, int y, double lat, double lon) {
        BufferedImage img = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, 256, 256);
        TileMath.Pixel p = TileMath.toPixel(lat, lon, z);
        double px = p.x() - x * 256.0;
        double py = p.y() - y * 256.0;
        g.setColor(Color.RED);
        g.fillOval((int) Math.round(px) - 6, (int) Math.round(py) - 6, 12, 12);
        g.dispose();
        return img;
    }

    private static boolean red(int rgb) {
        Color c = new Color(rgb);
        return c.getRed() > 180 && c.getGreen() < 90 && c.getBlue() < 90;
    }
}

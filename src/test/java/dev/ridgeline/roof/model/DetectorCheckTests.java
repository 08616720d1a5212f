package dev.ridgeline.roof.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The detectors on images with known content: tarps and bare decking painted at random places on roof crops must be
 * found where they were painted, and the unpainted crops must stay clean. On made-up shingle roofs always; on real
 * aerial crops of Houston houses (the Harvey set, which may be used to evaluate but not shipped) where this machine
 * has them.
 */
class DetectorCheckTests {

    /** 240 x 240 px crops: lawn, with a shingle roof (coursed, speckled, one of four colours) over the middle. */
    static List<BufferedImage> shingleRoofs(int n, long seed) {
        Random r = new Random(seed);
        Color[] shingles = {new Color(0x5B5B5F), new Color(0x6B5A4A), new Color(0x4A4E57), new Color(0x7A6A5A)};
        List<BufferedImage> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            BufferedImage img = new BufferedImage(240, 240, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(92, 128 + r.nextInt(12), 70));
            g.fillRect(0, 0, 240, 240);
            g.dispose();
            Color c = shingles[r.nextInt(shingles.length)];
            for (int y = 60; y < 180; y++) {
                for (int x = 60; x < 180; x++) {
                    int v = r.nextInt(16) - 8 - ((y - 60) % 3 == 0 ? 10 : 0);
                    img.setRGB(x, y, new Color(clamp(c.getRed() + v), clamp(c.getGreen() + v), clamp(c.getBlue() + v))
                            .getRGB());
                }
            }
            out.add(img);
        }
        return out;
    }

    static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    @Test
    void paintedTarpsAndDeckingAreFoundWhereTheyWerePaintedOnShingleRoofs() {
        DetectorCheck.Result r = DetectorCheck.run(shingleRoofs(60, 3), 0.10, 7);
        System.out.print(DetectorCheck.table(r));
        assertThat(r.tarp().recall()).as(DetectorCheck.table(r)).isGreaterThanOrEqualTo(0.95);
        assertThat(r.tarp().meanIou()).isGreaterThan(0.6);
        assertThat(r.tarp().falseAlarms()).isZero();
        assertThat(r.missing().notAssessed()).isZero();
        assertThat(r.missing().recall()).as(DetectorCheck.table(r)).isGreaterThanOrEqualTo(0.85);
        assertThat(r.missing().meanIou()).isGreaterThan(0.3);
        assertThat(r.missing().falseAlarms()).isZero();
    }

    @Test
    void atThirtyCentimetresTarpsAreStillFoundAndMissingMaterialIsNotJudged() {
        DetectorCheck.Result r = DetectorCheck.run(shingleRoofs(30, 4), 0.30, 7);
        assertThat(r.tarp().recall()).as(DetectorCheck.table(r)).isGreaterThanOrEqualTo(0.9);
        assertThat(r.missing().notAssessed()).isEqualTo(30);
        assertThat(r.missing().found()).isZero();
        assertThat(r.json()).contains("\"crops\":30,\"metresPerPixel\":0.300,").contains("\"missingNotAssessed\":30");
    }

    /**
     * Real crops: 400 undamaged houses after Hurricane Harvey at about 0.3 m a pixel (the folder is evaluation-only
     * data outside the project; the test says so and stops where it is missing). Over all 1,500 this measured 96%
     * found, IoU 0.74 and 0.8% false alarms (BENCHMARKS.md).
     */
    @Test
    void paintedTarpsAreFoundOnRealAerialCropsAndTheCleanOnesStayClean() {
        Path harvey = java.util.stream.Stream.of(System.getProperty("ridgeline.shared-data", "../shared/data"),
                        "/work/shared/data").map(d -> Path.of(d).resolve("aerial_damage_harvey/no_damage"))
                .filter(Files::isDirectory).findFirst().orElse(Path.of("../shared/data/aerial_damage_harvey/no_damage"));
        Assumptions.assumeTrue(Files.isDirectory(harvey), "the Harvey crops are not on this machine (" + harvey.toAbsolutePath()
                + "); they may not be shipped, so this check runs only where they are");
        List<BufferedImage> crops = DetectorCheck.crops(harvey, 400).stream().map(DetectorCheck::read).toList();
        DetectorCheck.Result r = DetectorCheck.run(crops, 0.30, 7);
        assertThat(r.tarp().recall()).as(DetectorCheck.table(r)).isGreaterThanOrEqualTo(0.9);
        assertThat(r.tarp().meanIou()).isGreaterThan(0.6);
        assertThat(r.tarp().falseAlarmRate()).isLessThanOrEqualTo(0.03);
        assertThat(r.missing().notAssessed()).as("0.3 m is too coarse for missing shingles").isEqualTo(400);
    }
}

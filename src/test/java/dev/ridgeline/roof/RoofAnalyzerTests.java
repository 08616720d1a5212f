package dev.ridgeline.roof;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * The detectors on roofs with known content: tarps, bare patches and moss drawn at known places on a shingled roof
 * (grey with texture, courses every 0.25 m); each overlay must land on what was drawn, and a clean roof must come out
 * clean. Also the quality gate, the area, repair or replace, the estimate, change over time and the speed.
 */
class RoofAnalyzerTests {

    static final double MPP = 0.1;
    static final int SIZE = 400;
    static final double LAT = 36.1627;
    static final double LON = -86.7816;
    /** The roof: 16 x 10 m in the middle of a 40 m image. */
    static final Rectangle ROOF = new Rectangle(120, 150, 160, 100);

    RoofAnalyzer analyzer = new RoofAnalyzer(RoofRules.defaults());

    static BufferedImage roofImage(long seed) {
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        Random r = new Random(seed);
        g.setColor(new Color(96, 132, 72));
        g.fillRect(0, 0, SIZE, SIZE);
        for (int y = ROOF.y; y < ROOF.y + ROOF.height; y++) {
            for (int x = ROOF.x; x < ROOF.x + ROOF.width; x++) {
                int v = 88 + r.nextInt(18) - ((y - ROOF.y) % 3 == 0 ? 14 : 0);
                img.setRGB(x, y, new Color(v, v, v + 4).getRGB());
            }
        }
        g.dispose();
        return img;
    }

    static RoofAnalyzer.Input input(BufferedImage img, double mpp, String pitch, Integer age) {
        return input(img, mpp, pitch, age, null);
    }

    static RoofAnalyzer.Input input(BufferedImage img, double mpp, String pitch, Integer age, BufferedImage before) {
        double cos = Math.cos(Math.toRadians(LAT));
        int[][] corners = {{ROOF.x, ROOF.y}, {ROOF.x + ROOF.width, ROOF.y}, {ROOF.x + ROOF.width, ROOF.y + ROOF.height},
                {ROOF.x, ROOF.y + ROOF.height}};
        List<double[]> outline = new java.util.ArrayList<>();
        for (int[] c : corners) {
            double lon = LON + (c[0] - img.getWidth() / 2.0) * mpp / (111_320.0 * cos);
            double lat = LAT - (c[1] - img.getHeight() / 2.0) * mpp / 110_574.0;
            outline.add(new double[] {lat, lon});
        }
        return new RoofAnalyzer.Input(UUID.randomUUID(), UUID.randomUUID(), img, mpp, LocalDate.of(2025, 6, 11), false,
                LAT, LON, outline, 1722, age, null, pitch, before, before == null ? null : LocalDate.of(2024, 6, 4));
    }

    static void paint(BufferedImage img, Rectangle where, Color color) {
        Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fill(where);
        g.dispose();
    }

    static double overlap(int[] box, Rectangle drawn) {
        Rectangle b = new Rectangle(box[0], box[1], box[2], box[3]);
        Rectangle i = b.intersection(drawn);
        if (i.isEmpty()) {
            return 0;
        }
        double inter = (double) i.width * i.height;
        return inter / ((double) drawn.width * drawn.height);
    }

    @Test
    void aCleanRoofIsClean() {
        RoofAnalysis a = analyzer.analyse(input(roofImage(1), MPP, null, 8));
        assertThat(a.quality()).allMatch(RoofAnalysis.Check::passed);
        assertThat(a.findings()).isEmpty();
        assertThat(a.verdict().decision()).isEqualTo("none");
        assertThat(a.estimate().basis()).isEqualTo("none");
        assertThat(a.notAssessed()).anyMatch(n -> n.startsWith("Hail strikes: need close-range photos"));
        assertThat(a.urgency()).isZero();
    }

    @Test
    void aRidgeLineIsNotMissingMaterial() {
        BufferedImage img = roofImage(11);
        paint(img, new Rectangle(ROOF.x, ROOF.y + ROOF.height / 2 - 2, ROOF.width, 4), new Color(150, 150, 155));
        RoofAnalysis a = analyzer.analyse(input(img, MPP, null, 8));
        assertThat(a.finding("missing")).isNull();
    }

    @Test
    void theTarpsOverlayLandsOnTheTarp() {
        BufferedImage img = roofImage(2);
        Rectangle tarp = new Rectangle(150, 170, 30, 20);
        paint(img, tarp, new Color(35, 95, 210));
        RoofAnalysis a = analyzer.analyse(input(img, MPP, null, 8));
        RoofAnalysis.Finding f = a.finding("tarp");
        assertThat(f).isNotNull();
        assertThat(f.boxes()).hasSize(1);
        assertThat(overlap(f.boxes().getFirst(), tarp)).isGreaterThan(0.9);
        assertThat(f.areaM2()).isBetween(5.0, 6.5);
        assertThat(a.finding("missing")).as("a tarp is not missing material").isNull();
        assertThat(a.urgency()).isGreaterThanOrEqualTo(45);
        assertThat(a.verdict().decision()).isEqualTo("repair");
        assertThat(a.estimate().low()).isGreaterThanOrEqualTo(350);
    }

    @Test
    void aBarePatchIsMissingMaterialWhereItWasDrawn() {
        BufferedImage img = roofImage(3);
        Rectangle deck = new Rectangle(220, 200, 20, 20);
        paint(img, deck, new Color(196, 160, 104));
        RoofAnalysis a = analyzer.analyse(input(img, MPP, null, 8));
        RoofAnalysis.Finding f = a.finding("missing");
        assertThat(f).isNotNull();
        assertThat(f.boxes()).anyMatch(b -> overlap(b, deck) > 0.5);
        assertThat(f.boxes()).allMatch(b -> overlap(b, deck) > 0 || b[2] * b[3] <= 8 * 8);
    }

    @Test
    void mossIsGreen() {
        BufferedImage img = roofImage(4);
        Rectangle moss = new Rectangle(130, 160, 24, 16);
        paint(img, moss, new Color(70, 120, 40));
        RoofAnalysis.Finding f = analyzer.analyse(input(img, MPP, null, 8)).finding("moss");
        assertThat(f).isNotNull();
        assertThat(f.boxes()).anyMatch(b -> overlap(b, moss) > 0.5);
    }

    @Test
    void aCoarseImageIsNotJudgedBeyondWhatItShows() {
        BufferedImage small = new BufferedImage(67, 67, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.drawImage(roofImage(5), 0, 0, 67, 67, null);
        g.dispose();
        // The same ground (40 m) in 67 pixels: the footprint's place is the same, the pixels six times coarser.
        RoofAnalyzer.Input fine = input(roofImage(5), MPP, null, 8);
        RoofAnalysis a = analyzer.analyse(new RoofAnalyzer.Input(fine.propertyId(), fine.imageId(), small, 40.0 / 67,
                fine.capturedOn(), false, LAT, LON, fine.outline(), 1722, 8, null, null, null, null));
        assertThat(a.quality().getFirst().passed()).isFalse();
        assertThat(a.quality().get(1).passed()).isTrue();
        assertThat(a.notAssessed()).anyMatch(n -> n.startsWith("Tarps: the image is 0.60 m a pixel"));
        assertThat(a.notAssessed()).anyMatch(n -> n.startsWith("Missing material, moss and staining: need 0.15"));
        assertThat(a.findings()).isEmpty();
    }

    @Test
    void aRoofOutsideTheImageIsNotJudgedAtAll() {
        RoofAnalyzer.Input in = input(roofImage(6), MPP, null, 8);
        List<double[]> away = in.outline().stream().map(ll -> new double[] {ll[0] + 0.001, ll[1]}).toList();
        RoofAnalysis a = analyzer.analyse(new RoofAnalyzer.Input(in.propertyId(), in.imageId(), in.image(), MPP,
                in.capturedOn(), false, LAT, LON, away, 1722, 8, null, null, null, null));
        assertThat(a.notAssessed().getFirst()).startsWith("Nothing is judged: the roof is not fully in the image");
        assertThat(a.verdict().decision()).isEqualTo("unknown");
    }

    @Test
    void areaIsTheFootprintTimesThePitchAndWaste() {
        RoofAnalysis band = analyzer.analyse(input(roofImage(7), MPP, null, 8));
        assertThat(band.area().squaresLow()).isCloseTo(1722 * 1.054 * 1.10 / 100, org.assertj.core.data.Offset.offset(0.01));
        assertThat(band.area().squaresHigh()).isCloseTo(1722 * 1.202 * 1.10 / 100, org.assertj.core.data.Offset.offset(0.01));
        RoofAnalysis known = analyzer.analyse(input(roofImage(7), MPP, "6/12", 8));
        assertThat(known.area().squaresExpected()).isCloseTo(1722 * 1.1180 * 1.10 / 100, org.assertj.core.data.Offset.offset(0.02));
        assertThat(known.area().squaresLow()).isEqualTo(known.area().squaresHigh());
    }

    @Test
    void anOldRoofWithDamageIsReplacedAndTheEstimateIsARangeWithItsAssumptions() {
        BufferedImage img = roofImage(8);
        paint(img, new Rectangle(150, 170, 30, 20), new Color(35, 95, 210));
        RoofAnalysis a = analyzer.analyse(input(img, MPP, null, 27));
        assertThat(a.verdict().decision()).isEqualTo("replace");
        assertThat(a.verdict().because()).contains("end of its life");
        assertThat(a.estimate().basis()).isEqualTo("replacement");
        assertThat(a.estimate().low()).isLessThan(a.estimate().high());
        // 20 to 22.8 squares of architectural asphalt at $450-700.
        assertThat(a.estimate().low()).isBetween(8_500L, 9_500L);
        assertThat(a.estimate().high()).isBetween(15_500L, 16_500L);
        assertThat(a.estimate().assumptions()).anyMatch(s -> s.contains("assumed: material not known"));
        assertThat(a.urgencyReasons()).anyMatch(s -> s.contains("years old"));
    }

    @Test
    void changeOverTimeTellsANewTarpFromAReRoof() {
        BufferedImage before = roofImage(9);
        BufferedImage after = roofImage(9);
        paint(after, new Rectangle(150, 170, 30, 20), new Color(35, 95, 210));
        RoofAnalysis local = analyzer.analyse(input(after, MPP, null, 8, before));
        assertThat(local.change().finding()).startsWith("local change");
        assertThat(local.change().cells()).isNotEmpty();
        BufferedImage reroofed = roofImage(9);
        paint(reroofed, ROOF, new Color(150, 110, 80));
        RoofAnalysis whole = analyzer.analyse(input(reroofed, MPP, null, 8, before));
        assertThat(whole.change().finding()).startsWith("probable re-roof between 2024-06-04 and 2025-06-11");
        RoofAnalysis same = analyzer.analyse(input(roofImage(9), MPP, null, 8, before));
        assertThat(same.change().finding()).isEqualTo("no change seen");
    }

    @Test
    void oneRoofTakesWellUnderAQuarterSecond() {
        BufferedImage big = new BufferedImage(800, 800, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = big.createGraphics();
        g.drawImage(roofImage(10), 0, 0, 800, 800, null);
        g.dispose();
        for (int i = 0; i < 3; i++) {
            analyzer.analyse(input(big, 0.05, null, 8));
        }
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            best = Math.min(best, analyzer.analyse(input(big, 0.05, null, 8)).millis());
        }
        assertThat(best).isLessThan(250);
    }
}

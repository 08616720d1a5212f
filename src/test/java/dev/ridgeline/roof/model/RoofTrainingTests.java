package dev.ridgeline.roof.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ridgeline.platform.InvalidInputException;
import picocli.CommandLine;

/**
 * The evaluation harness on made-up roofs whose label is in the pixels (a blue tarp or not) and not in the place:
 * the image model must learn it, the location-only baseline must not, folds must be whole map blocks, and the CLI's
 * last line must be the JSON object.
 */
class RoofTrainingTests {

    @TempDir
    Path dir;

    /** 120 grey roofs in 12 map blocks, half of each block with a tarp of varying size and place. */
    void roofs(Path root) throws Exception {
        Random random = new Random(5);
        for (String label : List.of("tarp", "no_tarp")) {
            Files.createDirectories(root.resolve(label));
        }
        for (int i = 0; i < 120; i++) {
            double lon = -95.95 + (i % 12) * 0.1 + random.nextDouble() * 0.05;
            double lat = 29.55 + (i % 3) * 0.1 + random.nextDouble() * 0.05;
            boolean tarp = (i / 12) % 2 == 0;
            BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            int grey = 70 + random.nextInt(50);
            g.setColor(new Color(grey, grey, grey + 5));
            g.fillRect(0, 0, 64, 64);
            for (int k = 0; k < 200; k++) {
                int v = grey + random.nextInt(30) - 15;
                g.setColor(new Color(Math.max(0, v), Math.max(0, v), Math.max(0, v)));
                g.fillRect(random.nextInt(64), random.nextInt(64), 2, 2);
            }
            if (tarp) {
                g.setColor(new Color(30, 90 + random.nextInt(40), 200 + random.nextInt(40)));
                int s = 10 + random.nextInt(14);
                g.fillRect(random.nextInt(64 - s), random.nextInt(64 - s), s, s);
            }
            g.dispose();
            ImageIO.write(img, "png", root.resolve(tarp ? "tarp" : "no_tarp")
                    .resolve(String.format(Locale.ROOT, "%.6f_%.6f.png", lon, lat)).toFile());
        }
    }

    @Test
    void theImageModelLearnsWhatIsInThePixelsAndTheLocationBaselineDoesNot() throws Exception {
        roofs(dir);
        var items = LabelledImages.read(dir);
        assertThat(items).hasSize(120);
        var e = RoofTraining.crossValidate(items, 4);
        assertThat(e.positive()).isEqualTo("tarp");
        assertThat(e.blocks()).isEqualTo(items.stream().map(LabelledImages.Item::block).distinct().count());
        assertThat(e.model().accuracy()).isGreaterThan(0.9);
        assertThat(e.model().auc()).isGreaterThan(0.95);
        assertThat(e.baseline().accuracy()).isLessThan(0.75);
        assertThat(e.json()).matches("\\{\"images\":120,\"accuracy\":[01]\\.\\d{4},\"f1\":[01]\\.\\d{4},\"auc\":[01]\\.\\d{4},"
                + "\"baselineAccuracy\":0\\.\\d{4}\\}");
    }

    @Test
    void aTrainedModelIsWrittenReadAndScoredOnAnotherFolder() throws Exception {
        Path train = dir.resolve("train");
        Path other = dir.resolve("other");
        roofs(train);
        roofs(other);
        RoofModel model = RoofTraining.train(LabelledImages.read(train), "damage", "made up for the test");
        Path file = dir.resolve("tarp.model");
        model.save(file);
        RoofModel read = RoofModel.load(file);
        assertThat(read.labels()).containsExactly("no_tarp", "tarp");
        assertThat(read.trainedOn()).isEqualTo(120);
        var e = RoofTraining.score(read, LabelledImages.read(other));
        assertThat(e.model().accuracy()).isGreaterThan(0.9);
        assertThat(e.folds()).isZero();
    }

    @Test
    void theCommandPrintsTheTableAndEndsWithTheJson() throws Exception {
        roofs(dir);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream was = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = new CommandLine(new dev.ridgeline.roof.cli.RoofCommand()).execute("evaluate", "--dir", dir.toString(),
                    "--folds", "4");
        } finally {
            System.setOut(was);
        }
        assertThat(code).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(String.join("\n", lines)).contains("| accuracy |").contains("| AUC (tarp) |").contains("by map block");
        assertThat(lines[lines.length - 1]).startsWith("{\"images\":120,").endsWith("}");
    }

    /**
     * A model trained elsewhere on the features {@code roof features} writes, supplied as ONNX, is scored by the same
     * command with a location-only baseline cross-validated on the folder.
     */
    @Test
    void aSuppliedOnnxModelIsScoredByTheCommandBesideTheLocationBaseline() throws Exception {
        Path train = dir.resolve("train");
        Path other = dir.resolve("other");
        roofs(train);
        roofs(other);
        Path csv = dir.resolve("features.csv");
        assertThat(run("features", "--dir", train.toString(), "--out", csv.toString())).startsWith("120 images, 70 features");
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(121);
        assertThat(rows.getFirst()).startsWith("file,label,longitude,latitude,block,hue_0_30,");
        assertThat(rows.get(1).split(",")).hasSize(5 + 70);
        // What a data scientist would do with that file: fit a model and export it to ONNX.
        var items = LabelledImages.read(train);
        var model = OnnxModels.logistic(List.of("tarp_blue_share", "saturation_mean", "blue_mean"),
                items.stream().map(LabelledImages.Item::features).toList(),
                items.stream().map(LabelledImages.Item::label).toList());
        Path onnx = OnnxModels.export(model, "damage", dir.resolve("tarps.onnx"));
        String[] lines = run("evaluate", "--model", onnx.toString(), "--dir", other.toString(), "--folds", "4")
                .split("\n");
        assertThat(String.join("\n", lines)).contains("model " + onnx).contains("| accuracy |");
        String json = lines[lines.length - 1];
        assertThat(json).startsWith("{\"images\":120,");
        double accuracy = Double.parseDouble(json.replaceAll(".*\"accuracy\":([0-9.]+).*", "$1"));
        double baseline = Double.parseDouble(json.replaceAll(".*\"baselineAccuracy\":([0-9.]+).*", "$1"));
        assertThat(accuracy).isGreaterThan(0.9);
        assertThat(baseline).isLessThan(0.75);
        assertThat(run("features", "--names").lines().toList()).hasSize(70).startsWith("hue_0_30");
    }

    static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream was = System.out;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new dev.ridgeline.roof.cli.RoofCommand()).execute(args);
            assertThat(code).as("exit code of roof %s", String.join(" ", args)).isZero();
        } finally {
            System.setOut(was);
        }
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void badFoldersAreRefusedSayingWhat() throws Exception {
        Files.createDirectories(dir.resolve("damage"));
        Files.writeString(dir.resolve("damage").resolve("roof.png"), "not an image");
        assertThatThrownBy(() -> LabelledImages.read(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("roof.png: the name must carry the longitude and latitude");
        Files.delete(dir.resolve("damage").resolve("roof.png"));
        Files.writeString(dir.resolve("damage").resolve("-95.1_29.7.png"), "not an image");
        assertThatThrownBy(() -> LabelledImages.read(dir)).hasMessageContaining("-95.1_29.7.png is not an image");
        assertThatThrownBy(() -> LabelledImages.read(dir.resolve("missing"))).hasMessageContaining("is not a folder");
    }
}

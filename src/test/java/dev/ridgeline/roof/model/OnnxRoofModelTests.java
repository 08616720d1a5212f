package dev.ridgeline.roof.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.impl.ArrayExample;

import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.roof.RoofFeatures;

/**
 * The ONNX model slot against models made by a real exporter (Tribuo's): it must give the very probabilities the
 * model gave before export, whatever order the model takes its features in and whichever output shape it has, and
 * refuse a model or description that cannot work with a message that names the file and the field.
 */
class OnnxRoofModelTests {

    static final List<String> USE = List.of("tarp_blue_share", "dark_share", "green_share", "edge_mean");

    @TempDir
    static Path dir;

    static List<double[]> features = new ArrayList<>();
    static List<String> labels = new ArrayList<>();
    static LinearSGDModel model;

    /** Made-up feature vectors whose label follows the blue and dark shares, with noise in the rest. */
    @BeforeAll
    static void train() {
        Random random = new Random(11);
        for (int i = 0; i < 400; i++) {
            double[] f = new double[RoofFeatures.NAMES.size()];
            for (int j = 0; j < f.length; j++) {
                f[j] = random.nextDouble();
            }
            labels.add(f[RoofFeatures.NAMES.indexOf("tarp_blue_share")] + 0.5 * f[RoofFeatures.NAMES.indexOf("dark_share")]
                    > 0.75 ? "damaged" : "undamaged");
            features.add(f);
        }
        model = OnnxModels.logistic(USE, features, labels);
    }

    Map<String, Double> tribuo(double[] f) {
        Prediction<Label> p = model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, USE.toArray(String[]::new),
                OnnxModels.pick(USE, f)));
        Map<String, Double> out = new java.util.TreeMap<>();
        p.getOutputScores().forEach((k, v) -> out.put(k, v.getScore()));
        return out;
    }

    @Test
    void anExportedModelGivesTheSameProbabilitiesAsBeforeExport() {
        assertThat(OnnxModels.featureOrder(model)).as("the exported order differs from the roof features' order")
                .isNotEqualTo(USE).containsExactlyInAnyOrderElementsOf(USE);
        try (OnnxRoofModel onnx = OnnxRoofModel.load(OnnxModels.export(model, "damage", dir.resolve("plain.onnx")))) {
            assertThat(onnx.spec().task()).isEqualTo("damage");
            List<Map<String, Double>> batch = onnx.predict(features.subList(0, 50));
            int right = 0;
            for (int i = 0; i < 50; i++) {
                Map<String, Double> expected = tribuo(features.get(i));
                Map<String, Double> single = onnx.predict(features.get(i));
                for (String label : List.of("damaged", "undamaged")) {
                    assertThat(single.get(label)).as("roof %d, %s", i, label).isCloseTo(expected.get(label), within(1e-5));
                    assertThat(batch.get(i).get(label)).isCloseTo(expected.get(label), within(1e-5));
                }
                String best = single.get("damaged") > 0.5 ? "damaged" : "undamaged";
                right += best.equals(labels.get(i)) ? 1 : 0;
            }
            assertThat(right).as("the model learnt the rule").isGreaterThan(40);
        }
    }

    @Test
    void scikitLearnsZipMapOutputIsReadByLabelIndex() {
        try (OnnxRoofModel plain = OnnxRoofModel.load(OnnxModels.export(model, "damage", dir.resolve("a.onnx")));
                OnnxRoofModel zipped = OnnxRoofModel.load(OnnxModels.exportZipMap(model, "damage", dir.resolve("z.onnx")))) {
            for (int i = 0; i < 20; i++) {
                Map<String, Double> a = plain.predict(features.get(i));
                Map<String, Double> z = zipped.predict(features.get(i));
                assertThat(z.get("damaged")).isCloseTo(a.get("damaged"), within(1e-6));
                assertThat(z.get("undamaged")).isCloseTo(a.get("undamaged"), within(1e-6));
            }
        }
    }

    @Test
    void aHandBuiltGraphRunsAsWritten() {
        try (OnnxRoofModel onnx = OnnxRoofModel.load(OnnxModels.threshold("condition", "dark_share", 0.4, 20, "poor",
                "good", dir.resolve("threshold.onnx")))) {
            double[] f = new double[RoofFeatures.NAMES.size()];
            f[RoofFeatures.NAMES.indexOf("dark_share")] = 0.5;
            assertThat(onnx.predict(f).get("poor")).isCloseTo(1 / (1 + Math.exp(-2)), within(1e-6));
            f[RoofFeatures.NAMES.indexOf("dark_share")] = 0.3;
            assertThat(onnx.predict(f).get("good")).isCloseTo(1 - 1 / (1 + Math.exp(2)), within(1e-6));
        }
    }

    /** A grey roof 100 px wide whose right half is the footprint; blue paint on the left, the right, or nowhere. */
    static OnnxRoofModel.Roof roof(String blue) {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(100, 60,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(new java.awt.Color(110, 110, 112));
        g.fillRect(0, 0, 100, 60);
        g.setColor(new java.awt.Color(30, 100, 220));
        if (blue.equals("left")) {
            g.fillRect(0, 0, 45, 60);
        } else if (blue.equals("right")) {
            g.fillRect(55, 5, 40, 50);
        }
        g.dispose();
        boolean[] mask = new boolean[100 * 60];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = i % 100 >= 50;
        }
        return new OnnxRoofModel.Roof(img, mask, new double[RoofFeatures.NAMES.size()]);
    }

    @Test
    void aModelOverPixelsSeesTheRoofsCropInItsLayoutAndChannelOrder() {
        for (String layout : List.of("NCHW", "NHWC")) {
            try (OnnxRoofModel onnx = OnnxRoofModel.load(OnnxModels.blueTarpModel(layout, 16, Map.of(),
                    dir.resolve("pixels-" + layout + ".onnx")))) {
                assertThat(onnx.takesImages()).isTrue();
                List<Map<String, Double>> p = onnx.predictRoofs(List.of(roof("right"), roof("left"), roof("none")));
                assertThat(p.get(0).get("tarp")).as(layout + ": blue on the roof").isGreaterThan(0.9);
                assertThat(p.get(1).get("tarp")).as(layout + ": blue beside the roof is not looked at").isLessThan(0.3);
                assertThat(p.get(2).get("tarp")).as(layout + ": grey roof").isCloseTo(1 / (1 + Math.exp(1.0 - 10 * 2 / 255.0)),
                        within(0.02));
                assertThatThrownBy(() -> onnx.predict(new double[RoofFeatures.NAMES.size()]))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("looks at the roof's pixels");
            }
        }
        try (OnnxRoofModel bgr = OnnxRoofModel.load(OnnxModels.blueTarpModel("NCHW", 16, Map.of("channels", "BGR"),
                dir.resolve("bgr.onnx")))) {
            assertThat(bgr.predict(roof("right")).get("tarp")).as("blue read as red").isLessThan(0.01);
        }
        try (OnnxRoofModel normalised = OnnxRoofModel.load(OnnxModels.blueTarpModel("NCHW", 16,
                Map.of("scale", 1.0, "mean", List.of(110, 110, 112), "std", List.of(255, 255, 255)),
                dir.resolve("normalised.onnx")))) {
            assertThat(normalised.predict(roof("none")).get("tarp")).isCloseTo(1 / (1 + Math.exp(1.0)), within(0.01));
        }
        assertThatThrownBy(() -> OnnxRoofModel.load(OnnxModels.blueTarpModel("NCHW", 16, Map.of("width", 224),
                dir.resolve("wrong-size.onnx")))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("wrong-size.onnx takes [-1, 3, 16, 16] but its description says NCHW 224x16");
        assertThatThrownBy(() -> OnnxRoofModel.load(OnnxModels.blueTarpModel("NCHW", 16, Map.of("layout", "CHW",
                "std", List.of(1, 0, 1)), dir.resolve("bad.onnx")))).isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsEntry("image.layout",
                                "bad.json: image.layout must be NCHW or NHWC, not 'CHW'").containsKey("image.std"));
    }

    @Test
    void logitsAreTurnedIntoProbabilities() {
        Path file = OnnxModels.write(model.exportONNXModel("t", 1), "damage", OnnxModels.featureOrder(model),
                OnnxModels.labelOrder(model), Map.of("scores", "logits"), dir.resolve("logits.onnx"));
        try (OnnxRoofModel onnx = OnnxRoofModel.load(file)) {
            Map<String, Double> p = onnx.predict(features.get(3));
            assertThat(p.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-6));
        }
    }

    @Test
    void aDescriptionThatCannotWorkIsRefusedNamingTheFileAndField() throws Exception {
        Path file = OnnxModels.export(model, "damage", dir.resolve("m.onnx"));
        byte[] onnx = Files.readAllBytes(file);
        assertThatThrownBy(() -> OnnxRoofModel.of(onnx, "{\"task\":\"damage\",".getBytes(), "m.onnx"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("m.json is not JSON");
        assertThatThrownBy(() -> OnnxRoofModel.of(onnx, """
                {"task":"colour","labels":["damaged"],"features":["tarp_blue_share","sky_blue","dark_share"]}"""
                .getBytes(), "m.onnx"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors())
                        .containsEntry("task", "m.json: task 'colour' is not one of [condition, damage, material]")
                        .containsEntry("features", "m.json: features[1] 'sky_blue' is not a roof feature "
                                + "('roof features --names' lists them)")
                        .containsKey("labels"));
        assertThatThrownBy(() -> OnnxRoofModel.of(onnx, """
                {"task":"damage","labels":["damaged","undamaged"],"features":["tarp_blue_share","dark_share"]}"""
                .getBytes(), "m.onnx"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("m.onnx takes 4 features but its "
                        + "description names 2");
        assertThatThrownBy(() -> OnnxRoofModel.of(onnx, ("{\"task\":\"condition\",\"labels\":[\"good\",\"fair\",\"poor\"],"
                + "\"features\":" + json(OnnxModels.featureOrder(model)) + "}").getBytes(), "m.onnx"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("has no output of 3 scores a roof");
        assertThatThrownBy(() -> OnnxRoofModel.of(onnx, ("{\"task\":\"damage\",\"labels\":[\"a\",\"b\"],\"output\":\"nope\","
                + "\"features\":" + json(OnnxModels.featureOrder(model)) + "}").getBytes(), "m.onnx"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("has no output 'nope'");
    }

    @Test
    void aFileThatIsNotAnOnnxModelOrLacksItsDescriptionIsRefused() throws Exception {
        Path notOnnx = dir.resolve("photo.onnx");
        Files.write(notOnnx, new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        Files.writeString(OnnxModels.description(notOnnx), "{\"task\":\"damage\",\"labels\":[\"a\",\"b\"],\"features\":"
                + "[\"dark_share\"]}");
        assertThatThrownBy(() -> OnnxRoofModel.load(notOnnx)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("photo.onnx is not an ONNX model ONNX Runtime can load");
        Path lone = dir.resolve("lone.onnx");
        Files.write(lone, model.exportONNXModel("t", 1).toByteArray());
        assertThatThrownBy(() -> OnnxRoofModel.load(lone)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("lone.json is not a file; an ONNX model needs its description beside it");
    }

    static String json(List<String> names) {
        return names.stream().map(n -> "\"" + n + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }
}

package dev.ridgeline.roof.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.roof.RoofFeatures;
import dev.ridgeline.roof.model.LabelledImages;
import dev.ridgeline.roof.model.OnnxRoofModel;
import dev.ridgeline.roof.model.RoofModel;
import dev.ridgeline.roof.model.RoofTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code roof train} and {@code roof evaluate}: classifiers from folders of labelled images, measured honestly. */
@Command(name = "roof", mixinStandardHelpOptions = true, description = "Roof image models.",
        subcommands = {RoofCommand.Train.class, RoofCommand.Evaluate.class, RoofCommand.Features.class,
                RoofCommand.Detectors.class})
public class RoofCommand {

    @Command(name = "evaluate", mixinStandardHelpOptions = true, description = {
            "Measure a roof classifier on a folder with one sub-folder per label; file names carry longitude and "
                    + "latitude (e.g. -95.06_29.83.jpeg).",
            "Without --model: 5-fold cross-validation whose folds are whole map blocks of 0.1 degree, never random "
                    + "images. With --model: the trained model on this folder; a model ending in .onnx is a model "
                    + "supplied as ONNX with its description (.json) beside it, and the location-only baseline is then "
                    + "cross-validated on this folder by map block.",
            "Beside every figure, a model that sees only the location. The last line is one JSON object "
                    + "{\"images\":N,\"accuracy\":x,\"f1\":x,\"auc\":x,\"baselineAccuracy\":x}."})
    static class Evaluate implements Callable<Integer> {

        @Option(names = "--dir", required = true, description = "Folder of labelled images")
        Path dir;

        @Option(names = "--model", description = "A model made by 'roof train', or an ONNX model (.onnx) with its description")
        Path model;

        @Option(names = "--folds", defaultValue = "5", description = "Folds by map block (default ${DEFAULT-VALUE})")
        int folds;

        @Override
        public Integer call() {
            try {
                long start = System.nanoTime();
                List<LabelledImages.Item> items = LabelledImages.read(dir);
                double featureMs = (System.nanoTime() - start) / 1e6 / items.size();
                RoofTraining.Evaluation e;
                if (model == null) {
                    e = RoofTraining.crossValidate(items, folds);
                } else if (model.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
                    try (OnnxRoofModel onnx = OnnxRoofModel.load(model)) {
                        e = RoofTraining.score(onnx, items, folds);
                    }
                } else {
                    e = RoofTraining.score(RoofModel.load(model), items);
                }
                print(e, model == null ? folds + "-fold cross-validation by map block (" + e.blocks() + " blocks of "
                        + LabelledImages.BLOCK_DEGREES + "°)" : "model " + model + " on " + e.blocks() + " map blocks",
                        featureMs);
                System.out.println(e.json());
                return 0;
            } catch (InvalidInputException ex) {
                System.err.println(String.join("; ", ex.fieldErrors().values()));
                return 2;
            }
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true, description = {
            "Train a roof classifier (gradient-boosted trees over colour and texture features) from a folder with one "
                    + "sub-folder per label, and a location-only baseline beside it; write both to --out.",
            "Mind the licence of the images: a model trained on data whose terms forbid it must not be shipped."})
    static class Train implements Callable<Integer> {

        @Option(names = "--dir", required = true, description = "Folder of labelled images")
        Path dir;

        @Option(names = "--out", required = true, description = "Model file to write")
        Path out;

        @Option(names = "--task", defaultValue = "damage", description = "damage, material or condition (default ${DEFAULT-VALUE})")
        String task;

        @Option(names = "--source", defaultValue = "", description = "Where the images come from and on what terms")
        String source;

        @Override
        public Integer call() {
            try {
                List<LabelledImages.Item> items = LabelledImages.read(dir);
                long start = System.nanoTime();
                RoofModel m = RoofTraining.train(items, task, source.isBlank() ? dir.toString() : source);
                m.save(out);
                System.out.printf(Locale.ROOT, "Trained on %d images (%s) in %.1f s; written to %s%n", items.size(),
                        m.labels(), (System.nanoTime() - start) / 1e9, out);
                return 0;
            } catch (InvalidInputException ex) {
                System.err.println(String.join("; ", ex.fieldErrors().values()));
                return 2;
            }
        }
    }

    @Command(name = "features", mixinStandardHelpOptions = true, description = {
            "The roof features this build computes, for training a model elsewhere and supplying it as ONNX.",
            "--names lists them in order; --dir with --out writes one CSV row per image of a labelled folder "
                    + "(file, label, longitude, latitude, map block, then the features)."})
    static class Features implements Callable<Integer> {

        @Option(names = "--names", description = "List the feature names, one a line")
        boolean names;

        @Option(names = "--dir", description = "Folder of labelled images")
        Path dir;

        @Option(names = "--out", description = "CSV file to write")
        Path out;

        @Override
        public Integer call() throws java.io.IOException {
            if (names) {
                RoofFeatures.NAMES.forEach(System.out::println);
                return 0;
            }
            if (dir == null || out == null) {
                System.err.println("give --names, or --dir and --out");
                return 2;
            }
            try {
                List<LabelledImages.Item> items = LabelledImages.read(dir);
                try (var w = java.nio.file.Files.newBufferedWriter(out)) {
                    w.write("file,label,longitude,latitude,block," + String.join(",", RoofFeatures.NAMES));
                    w.newLine();
                    for (LabelledImages.Item i : items) {
                        StringBuilder row = new StringBuilder();
                        row.append(csv(dir.relativize(i.file()).toString())).append(',').append(csv(i.label()))
                                .append(',').append(i.longitude()).append(',').append(i.latitude()).append(',')
                                .append(i.block());
                        for (double f : i.features()) {
                            row.append(',').append(String.format(Locale.ROOT, "%.6g", f));
                        }
                        w.write(row.toString());
                        w.newLine();
                    }
                }
                System.out.printf(Locale.ROOT, "%d images, %d features each, written to %s%n", items.size(),
                        RoofFeatures.NAMES.size(), out);
                return 0;
            } catch (InvalidInputException ex) {
                System.err.println(String.join("; ", ex.fieldErrors().values()));
                return 2;
            }
        }

        private static String csv(String value) {
            return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
        }
    }

    @Command(name = "detectors", mixinStandardHelpOptions = true, description = {
            "Check the tarp and missing-material detectors on real roof crops with known content: each crop is analysed "
                    + "as it is (anything found there is a false alarm: choose undamaged roofs), then with a blue tarp "
                    + "and with bare decking painted at a random place on the roof. The roof is the middle third of "
                    + "each crop (no footprint). The last line is one JSON object."})
    static class Detectors implements Callable<Integer> {

        @Option(names = "--dir", required = true, description = "Folder of roof crops (any depth)")
        Path dir;

        @Option(names = "--metres-per-pixel", required = true, description = "The crops' ground resolution")
        double metresPerPixel;

        @Option(names = "--limit", defaultValue = "500", description = "At most this many crops (default ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--seed", defaultValue = "7", description = "Where the paint goes (default ${DEFAULT-VALUE})")
        long seed;

        @Override
        public Integer call() {
            try {
                if (!(metresPerPixel > 0 && metresPerPixel < 10)) {
                    throw InvalidInputException.of("metresPerPixel", "--metres-per-pixel must be above 0 and below 10");
                }
                List<Path> files = dev.ridgeline.roof.model.DetectorCheck.crops(dir, limit);
                var crops = files.parallelStream().map(dev.ridgeline.roof.model.DetectorCheck::read).toList();
                var r = dev.ridgeline.roof.model.DetectorCheck.run(crops, metresPerPixel, seed);
                System.out.printf(Locale.ROOT, "%d crops from %s at %.2f m a pixel; median analysis %.1f ms%n%n",
                        r.crops(), dir, metresPerPixel, r.millis());
                System.out.print(dev.ridgeline.roof.model.DetectorCheck.table(r));
                System.out.println();
                System.out.println(r.json());
                return 0;
            } catch (InvalidInputException ex) {
                System.err.println(String.join("; ", ex.fieldErrors().values()));
                return 2;
            }
        }
    }

    static void print(RoofTraining.Evaluation e, String how, double featureMs) {
        System.out.printf(Locale.ROOT, "%d images %s; %s; features %.1f ms an image%n", e.model().images(), e.counts(),
                how, featureMs);
        System.out.println();
        System.out.println("| measure | image model | location only |");
        System.out.println("|---|---|---|");
        System.out.printf(Locale.ROOT, "| accuracy | %.3f | %.3f |%n", e.model().accuracy(), e.baseline().accuracy());
        for (Map.Entry<String, Double> f : e.model().f1().entrySet()) {
            System.out.printf(Locale.ROOT, "| F1 %s | %.3f | %.3f |%n", f.getKey(), f.getValue(),
                    e.baseline().f1().getOrDefault(f.getKey(), 0.0));
        }
        System.out.printf(Locale.ROOT, "| AUC (%s) | %.3f | %.3f |%n", e.positive(), e.model().auc(), e.baseline().auc());
        System.out.println();
    }
}

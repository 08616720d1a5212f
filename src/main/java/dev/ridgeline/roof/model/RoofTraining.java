package dev.ridgeline.roof.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.roof.RoofFeatures;

/**
 * Training and honest evaluation of roof classifiers: gradient-boosted trees (XGBoost through Tribuo) over the
 * image features, judged by cross-validation whose folds are whole map blocks, never random images, with a model
 * that sees only longitude and latitude judged on the same folds beside it.
 */
public final class RoofTraining {

    static final long SEED = 20261127L;
    private static final List<String> PLACE = List.of("longitude", "latitude");

    /** The figures of one model: accuracy, F1 per label, the F1 and AUC that headline it. */
    public record Metrics(int images, double accuracy, Map<String, Double> f1, double f1Headline, double auc) {
    }

    /** An evaluation: the model's figures and the location-only baseline's, on the same images and folds. */
    public record Evaluation(Metrics model, Metrics baseline, String positive, Map<String, Long> counts, int blocks,
            int folds) {

        /** The last line of {@code roof evaluate}: one JSON object. */
        public String json() {
            return String.format(Locale.ROOT,
                    "{\"images\":%d,\"accuracy\":%.4f,\"f1\":%.4f,\"auc\":%.4f,\"baselineAccuracy\":%.4f}",
                    model.images(), model.accuracy(), model.f1Headline(), model.auc(), baseline.accuracy());
        }
    }

    private RoofTraining() {
    }

    /** Trains on every image: the image model and the location baseline. */
    public static RoofModel train(List<LabelledImages.Item> items, String task, String source) {
        List<String> labels = labels(items);
        if (labels.size() < 2) {
            throw InvalidInputException.of("dir", "at least two labels (sub-folders) are needed, found " + labels);
        }
        return new RoofModel(task, labels, trainer(200).train(dataset(items, false)),
                trainer(100).train(dataset(items, true)), items.size(), source, Instant.now());
    }

    /** Cross-validation by map block: each block's images are tested by models that never saw that block. */
    public static Evaluation crossValidate(List<LabelledImages.Item> items, int folds) {
        List<String> labels = labels(items);
        if (labels.size() < 2) {
            throw InvalidInputException.of("dir", "at least two labels (sub-folders) are needed, found " + labels);
        }
        List<String> blocks = new ArrayList<>(new TreeSet<>(items.stream().map(LabelledImages.Item::block).toList()));
        if (blocks.size() < folds) {
            throw InvalidInputException.of("dir", "the images lie in " + blocks.size() + " map blocks of "
                    + LabelledImages.BLOCK_DEGREES + "°; at least " + folds + " are needed to split by block");
        }
        Collections.shuffle(blocks, new Random(SEED));
        Map<String, Integer> foldOf = new LinkedHashMap<>();
        for (int i = 0; i < blocks.size(); i++) {
            foldOf.put(blocks.get(i), i % folds);
        }
        List<Map<String, Double>> imageScores = new ArrayList<>(Collections.nCopies(items.size(), null));
        List<Map<String, Double>> placeScores = new ArrayList<>(Collections.nCopies(items.size(), null));
        for (int f = 0; f < folds; f++) {
            int fold = f;
            List<LabelledImages.Item> train = items.stream().filter(i -> foldOf.get(i.block()) != fold).toList();
            if (labels(train).size() < labels.size()) {
                throw InvalidInputException.of("dir", "fold " + (f + 1) + " leaves a label without training images; "
                        + "add images of every label in more map blocks");
            }
            Model<Label> images = trainer(200).train(dataset(train, false));
            Model<Label> place = trainer(100).train(dataset(train, true));
            for (int i = 0; i < items.size(); i++) {
                if (foldOf.get(items.get(i).block()) == fold) {
                    imageScores.set(i, scores(images.predict(example(items.get(i), false))));
                    placeScores.set(i, scores(place.predict(example(items.get(i), true))));
                }
            }
        }
        String positive = positive(labels);
        return new Evaluation(metrics(items, imageScores, labels, positive), metrics(items, placeScores, labels, positive),
                positive, counts(items), blocks.size(), folds);
    }

    /** A trained model on another folder (places it may never have seen), with its own location baseline. */
    public static Evaluation score(RoofModel model, List<LabelledImages.Item> items) {
        List<Map<String, Double>> imageScores = items.stream().map(i -> scores(model.images().predict(example(i, false))))
                .toList();
        List<Map<String, Double>> placeScores = items.stream()
                .map(i -> scores(model.location().predict(example(i, true)))).toList();
        String positive = positive(model.labels());
        int blocks = new TreeSet<>(items.stream().map(LabelledImages.Item::block).toList()).size();
        return new Evaluation(metrics(items, imageScores, model.labels(), positive),
                metrics(items, placeScores, model.labels(), positive), positive, counts(items), blocks, 0);
    }

    /**
     * A model supplied as ONNX on a folder: its scores, and beside them a location-only model cross-validated on the
     * folder by map block (the supplied model brings no baseline of its own).
     */
    public static Evaluation score(OnnxRoofModel model, List<LabelledImages.Item> items, int folds) {
        List<String> labels = labels(items);
        List<String> foreign = labels.stream().filter(l -> !model.spec().labels().contains(l)).toList();
        if (!foreign.isEmpty()) {
            throw InvalidInputException.of("dir", "the folder's labels " + foreign + " are not among the model's "
                    + model.spec().labels() + "; name the sub-folders as the model's labels");
        }
        List<Map<String, Double>> imageScores = model.takesImages() ? scoreImages(model, items)
                : model.predict(items.stream().map(LabelledImages.Item::features).toList());
        List<String> blocks = new ArrayList<>(new TreeSet<>(items.stream().map(LabelledImages.Item::block).toList()));
        int k = Math.min(folds, blocks.size());
        if (k < 2 || labels.size() < 2) {
            throw InvalidInputException.of("dir", "the folder needs two labels in at least two map blocks of "
                    + LabelledImages.BLOCK_DEGREES + "° to measure the location-only baseline beside the model");
        }
        Collections.shuffle(blocks, new Random(SEED));
        Map<String, Integer> foldOf = new LinkedHashMap<>();
        for (int i = 0; i < blocks.size(); i++) {
            foldOf.put(blocks.get(i), i % k);
        }
        List<Map<String, Double>> placeScores = new ArrayList<>(Collections.nCopies(items.size(), null));
        for (int f = 0; f < k; f++) {
            int fold = f;
            List<LabelledImages.Item> train = items.stream().filter(i -> foldOf.get(i.block()) != fold).toList();
            Model<Label> place = labels(train).size() < 2 ? null : trainer(100).train(dataset(train, true));
            for (int i = 0; i < items.size(); i++) {
                if (foldOf.get(items.get(i).block()) == fold) {
                    placeScores.set(i, place == null ? Map.of(train.getFirst().label(), 1.0)
                            : scores(place.predict(example(items.get(i), true))));
                }
            }
        }
        List<String> scored = model.spec().labels();
        String positive = positive(scored);
        return new Evaluation(metrics(items, imageScores, scored, positive), metrics(items, placeScores, scored, positive),
                positive, counts(items), blocks.size(), k);
    }

    /** A model over pixels reads each image again (the folder's images are whole roofs: no mask), 64 at a time. */
    private static List<Map<String, Double>> scoreImages(OnnxRoofModel model, List<LabelledImages.Item> items) {
        List<Map<String, Double>> out = new ArrayList<>(items.size());
        for (int from = 0; from < items.size(); from += 64) {
            List<OnnxRoofModel.Roof> batch = new ArrayList<>();
            for (LabelledImages.Item i : items.subList(from, Math.min(items.size(), from + 64))) {
                batch.add(new OnnxRoofModel.Roof(LabelledImages.image(i.file()), null, i.features()));
            }
            out.addAll(model.predictRoofs(batch));
        }
        return out;
    }

    /** Gradient-boosted trees over image features with their labels (a company's own labelled roofs). */
    public static Model<Label> trainFeatures(List<double[]> features, List<String> labels) {
        LabelFactory factory = new LabelFactory();
        List<org.tribuo.Example<Label>> examples = new ArrayList<>(features.size());
        for (int i = 0; i < features.size(); i++) {
            examples.add(new ArrayExample<>(new Label(labels.get(i)), RoofFeatures.NAMES.toArray(String[]::new),
                    features.get(i)));
        }
        return trainer(100).train(new MutableDataset<>(new ListDataSource<>(examples, factory,
                new SimpleDataSourceProvenance("labelled roofs", factory))));
    }

    /** The probability per label a model gives an image's features. */
    public static Map<String, Double> predict(Model<Label> model, double[] features) {
        return scores(model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL,
                RoofFeatures.NAMES.toArray(String[]::new), features)));
    }

    /** Predicted probabilities per label of one image, from a model's output scores. */
    static Map<String, Double> scores(Prediction<Label> p) {
        Map<String, Double> out = new TreeMap<>();
        p.getOutputScores().forEach((name, label) -> out.put(name, label.getScore()));
        return out;
    }

    static List<String> labels(List<LabelledImages.Item> items) {
        return List.copyOf(new TreeSet<>(items.stream().map(LabelledImages.Item::label).toList()));
    }

    /** The label whose F1 and AUC headline a two-label task: the one that is not "no ...". */
    static String positive(List<String> labels) {
        if (labels.size() == 2) {
            for (int i = 0; i < 2; i++) {
                String l = labels.get(i).toLowerCase(Locale.ROOT);
                if (l.startsWith("no") || l.startsWith("un") || l.equals("none") || l.equals("good")) {
                    return labels.get(1 - i);
                }
            }
        }
        return labels.getFirst();
    }

    private static Map<String, Long> counts(List<LabelledImages.Item> items) {
        Map<String, Long> out = new TreeMap<>();
        items.forEach(i -> out.merge(i.label(), 1L, Long::sum));
        return out;
    }

    static Metrics metrics(List<LabelledImages.Item> items, List<Map<String, Double>> scores, List<String> labels,
            String positive) {
        int correct = 0;
        Map<String, int[]> tpFpFn = new TreeMap<>();
        labels.forEach(l -> tpFpFn.put(l, new int[3]));
        for (int i = 0; i < items.size(); i++) {
            String truth = items.get(i).label();
            String predicted = scores.get(i).entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            if (truth.equals(predicted)) {
                correct++;
                tpFpFn.get(truth)[0]++;
            } else {
                tpFpFn.computeIfAbsent(predicted, l -> new int[3])[1]++;
                tpFpFn.computeIfAbsent(truth, l -> new int[3])[2]++;
            }
        }
        Map<String, Double> f1 = new TreeMap<>();
        tpFpFn.forEach((l, c) -> f1.put(l, c[0] == 0 ? 0.0 : 2.0 * c[0] / (2.0 * c[0] + c[1] + c[2])));
        double macroF1 = f1.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double auc;
        if (labels.size() == 2) {
            auc = auc(items, scores, positive);
        } else {
            auc = labels.stream().mapToDouble(l -> auc(items, scores, l)).average().orElse(0.5);
        }
        return new Metrics(items.size(), (double) correct / items.size(), f1,
                labels.size() == 2 ? f1.getOrDefault(positive, 0.0) : macroF1, auc);
    }

    /** The area under the ROC curve of one label against the rest (Mann-Whitney, ties counted half). */
    static double auc(List<LabelledImages.Item> items, List<Map<String, Double>> scores, String label) {
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            pairs.add(new double[] {scores.get(i).getOrDefault(label, 0.0), items.get(i).label().equals(label) ? 1 : 0});
        }
        pairs.sort((a, b) -> Double.compare(a[0], b[0]));
        double rankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < pairs.size()) {
            int j = i;
            while (j + 1 < pairs.size() && pairs.get(j + 1)[0] == pairs.get(i)[0]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (pairs.get(k)[1] == 1) {
                    rankSum += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = pairs.size() - positives;
        if (positives == 0 || negatives == 0) {
            return 0.5;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    private static XGBoostClassificationTrainer trainer(int trees) {
        return new XGBoostClassificationTrainer(trees, 0.1, 0, 6, 1, 0.8, 0.8, 1, 0,
                Math.max(1, Runtime.getRuntime().availableProcessors()), true, SEED);
    }

    private static MutableDataset<Label> dataset(List<LabelledImages.Item> items, boolean place) {
        LabelFactory factory = new LabelFactory();
        List<org.tribuo.Example<Label>> examples = new ArrayList<>(items.size());
        for (LabelledImages.Item i : items) {
            examples.add(example(i, place));
        }
        return new MutableDataset<>(new ListDataSource<>(examples, factory,
                new SimpleDataSourceProvenance(place ? "roof image places" : "roof image features", factory)));
    }

    private static ArrayExample<Label> example(LabelledImages.Item i, boolean place) {
        Label label = new Label(i.label());
        return place ? new ArrayExample<>(label, PLACE.toArray(String[]::new), new double[] {i.longitude(), i.latitude()})
                : new ArrayExample<>(label, RoofFeatures.NAMES.toArray(String[]::new), i.features());
    }
}

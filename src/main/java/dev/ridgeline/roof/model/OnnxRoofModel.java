package dev.ridgeline.roof.model;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.TensorInfo;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.roof.RoofFeatures;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A roof classifier supplied as ONNX (trained elsewhere: scikit-learn or XGBoost over the same features, or a
 * network over the roof's pixels) and run with ONNX Runtime on the CPU. Beside the model sits its description, a
 * small JSON file that says what it classifies, what it takes, and which label each output column is. A model over
 * {@link RoofFeatures} names them in the order it takes them:
 *
 * <pre>{"task":"damage", "labels":["damaged","undamaged"], "features":["hue_0_30", ...],
 *  "output":"probabilities", "scores":"probabilities", "source":"...", "licence":"..."}</pre>
 *
 * A model over pixels says {@code "input":"image"} and how the roof's crop (the footprint's bounding box) is to be
 * given to it: {@code "image":{"width":224,"height":224,"layout":"NCHW","channels":"RGB","scale":0.00392157,
 * "mean":[0.485,0.456,0.406],"std":[0.229,0.224,0.225]}} (value = (pixel * scale - mean) / std).
 *
 * {@code output} (the output to read) and {@code scores} ({@code probabilities}, or {@code logits} to apply a
 * softmax) may be left out. The output may be a float tensor with one column per label or, as scikit-learn's
 * converters write it, a sequence of maps from label (or label index) to probability. Everything is checked when the
 * model is loaded, and a test input is run, so a model that cannot work is refused then, not on a lead page.
 */
public final class OnnxRoofModel implements AutoCloseable {

    /** What the description file says; {@code image} is set for models over pixels, {@code features} otherwise. */
    public record Spec(String task, List<String> labels, List<String> features, @Nullable ImageInput image,
            @Nullable String output, String scores, String source, String licence) {
    }

    /** How a model over pixels takes the roof: its size, tensor layout, channel order and normalisation. */
    public record ImageInput(int width, int height, String layout, String channels, double scale, double[] mean,
            double[] std) {
    }

    /** One roof: its image, the footprint's mask on it (null: the whole image) and its features. */
    public record Roof(BufferedImage image, boolean @Nullable [] mask, double[] features) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> TASKS = Set.of("damage", "material", "condition");

    private final Spec spec;
    private final OrtSession session;
    private final String input;
    private final String output;
    private final int[] columns;
    private final boolean batches;

    private OnnxRoofModel(Spec spec, OrtSession session, String input, String output, int[] columns, boolean batches) {
        this.spec = spec;
        this.session = session;
        this.input = input;
        this.output = output;
        this.columns = columns;
        this.batches = batches;
    }

    /** Loads {@code model} and the description beside it (the same name ending in {@code .json}). */
    public static OnnxRoofModel load(Path model) {
        String name = model.getFileName().toString();
        Path sidecar = model.resolveSibling(name.replaceFirst("(?i)\\.onnx$", "") + ".json");
        for (Path p : List.of(model, sidecar)) {
            if (!Files.isRegularFile(p)) {
                throw InvalidInputException.of("model", p + " is not a file" + (p == sidecar
                        ? "; an ONNX model needs its description beside it (see docs/roof.md)" : ""));
            }
        }
        try {
            return of(Files.readAllBytes(model), Files.readAllBytes(sidecar), name);
        } catch (IOException e) {
            throw InvalidInputException.of("model", "could not read " + model + ": " + e.getMessage());
        }
    }

    /** A model from its bytes and its description's; {@code name} says which file in any error. */
    public static OnnxRoofModel of(byte[] model, byte[] description, String name) {
        Spec spec = spec(description, name);
        OrtSession session;
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            // Small models over 70 numbers: one thread each; batches of roofs run in parallel above this.
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            session = OrtEnvironment.getEnvironment().createSession(model, options);
        } catch (OrtException e) {
            throw InvalidInputException.of("model", name + " is not an ONNX model ONNX Runtime can load: "
                    + firstLine(e.getMessage()));
        }
        try {
            OnnxRoofModel m = checked(spec, session, name);
            m.predict(new Roof(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB), null,
                    new double[RoofFeatures.NAMES.size()]));
            return m;
        } catch (InvalidInputException e) {
            close(session);
            throw e;
        } catch (RuntimeException e) {
            close(session);
            throw InvalidInputException.of("model", name + " failed on a test input: " + firstLine(e.getMessage()));
        }
    }

    /** Reads and checks a description: every field named, with what is wrong. */
    public static Spec spec(byte[] description, String name) {
        String where = name.replaceFirst("(?i)\\.onnx$", "") + ".json";
        Map<String, Object> raw;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> read = JSON.readValue(description, Map.class);
            raw = read == null ? Map.of() : read;
        } catch (JacksonException e) {
            throw InvalidInputException.of("description", where + " is not JSON: " + firstLine(e.getOriginalMessage()));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        String task = text(raw, "task", where, errors);
        if (task != null && !TASKS.contains(task)) {
            errors.put("task", where + ": task '" + task + "' is not one of " + new java.util.TreeSet<>(TASKS));
        }
        List<String> labels = texts(raw, "labels", where, errors);
        if (labels != null && labels.size() < 2) {
            errors.put("labels", where + ": labels needs at least two labels, in the order of the model's outputs");
        }
        Object input = raw.getOrDefault("input", "features");
        ImageInput image = null;
        List<String> features = List.of();
        if ("image".equals(input)) {
            image = image(raw.get("image"), where, errors);
        } else if ("features".equals(input)) {
            features = texts(raw, "features", where, errors);
        } else {
            errors.put("input", where + ": input must be 'features' or 'image', not '" + input + "'");
        }
        if (features != null) {
            Set<String> known = new HashSet<>(RoofFeatures.NAMES);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < features.size(); i++) {
                String f = features.get(i);
                if (!known.contains(f)) {
                    errors.putIfAbsent("features", where + ": features[" + i + "] '" + f
                            + "' is not a roof feature ('roof features --names' lists them)");
                } else if (!seen.add(f)) {
                    errors.putIfAbsent("features", where + ": features[" + i + "] '" + f + "' is named twice");
                }
            }
        }
        Object output = raw.get("output");
        if (output != null && !(output instanceof String)) {
            errors.put("output", where + ": output must be the name of one of the model's outputs");
        }
        Object scores = raw.getOrDefault("scores", "probabilities");
        if (!"probabilities".equals(scores) && !"logits".equals(scores)) {
            errors.put("scores", where + ": scores must be 'probabilities' or 'logits', not '" + scores + "'");
        }
        if (!errors.isEmpty() || task == null || labels == null || features == null) {
            throw new InvalidInputException(errors);
        }
        return new Spec(task, labels, features, image, (String) output, (String) scores,
                String.valueOf(raw.getOrDefault("source", "")), String.valueOf(raw.getOrDefault("licence", "")));
    }

    private static @Nullable ImageInput image(@Nullable Object value, String where, Map<String, String> errors) {
        if (!(value instanceof Map<?, ?> raw)) {
            errors.put("image", where + ": an image model needs \"image\":{\"width\":..,\"height\":..} (and optionally "
                    + "layout, channels, scale, mean, std)");
            return null;
        }
        int width = size(raw.get("width"), "image.width", where, errors);
        int height = size(raw.get("height"), "image.height", where, errors);
        Object layout = raw.get("layout") == null ? "NCHW" : raw.get("layout");
        if (!"NCHW".equals(layout) && !"NHWC".equals(layout)) {
            errors.put("image.layout", where + ": image.layout must be NCHW or NHWC, not '" + layout + "'");
        }
        Object channels = raw.get("channels") == null ? "RGB" : raw.get("channels");
        if (!"RGB".equals(channels) && !"BGR".equals(channels)) {
            errors.put("image.channels", where + ": image.channels must be RGB or BGR, not '" + channels + "'");
        }
        double scale = raw.get("scale") == null ? 1 / 255.0
                : raw.get("scale") instanceof Number n ? n.doubleValue() : Double.NaN;
        if (!(scale > 0)) {
            errors.put("image.scale", where + ": image.scale must be a positive number");
        }
        double[] mean = triple(raw.get("mean"), 0, "image.mean", where, errors);
        double[] std = triple(raw.get("std"), 1, "image.std", where, errors);
        if (java.util.Arrays.stream(std).anyMatch(v -> !(v > 0))) {
            errors.put("image.std", where + ": image.std must be three positive numbers");
        }
        return new ImageInput(width, height, String.valueOf(layout), String.valueOf(channels), scale, mean, std);
    }

    private static int size(@Nullable Object value, String field, String where, Map<String, String> errors) {
        if (value instanceof Number n && n.intValue() == n.doubleValue() && n.intValue() >= 8 && n.intValue() <= 2048) {
            return n.intValue();
        }
        errors.put(field, where + ": " + field + " must be a whole number of pixels from 8 to 2048");
        return 8;
    }

    private static double[] triple(@Nullable Object value, double fallback, String field, String where,
            Map<String, String> errors) {
        if (value == null) {
            return new double[] {fallback, fallback, fallback};
        }
        if (value instanceof List<?> l && l.size() == 3 && l.stream().allMatch(x -> x instanceof Number)) {
            return l.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
        }
        errors.put(field, where + ": " + field + " must be three numbers, one per channel");
        return new double[] {fallback, fallback, fallback};
    }

    private static OnnxRoofModel checked(Spec spec, OrtSession session, String name) {
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            if (inputs.size() != 1) {
                throw InvalidInputException.of("model", name + " takes " + inputs.size() + " inputs " + inputs.keySet()
                        + "; a roof model takes one, a float matrix of features");
            }
            NodeInfo in = inputs.values().iterator().next();
            ImageInput image = spec.image();
            int rank = image == null ? 2 : 4;
            if (!(in.getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT || t.getShape().length != rank) {
                throw InvalidInputException.of("model", name + "'s input '" + in.getName() + "' is " + in.getInfo()
                        + (image == null ? "; a roof model over features takes a float matrix [roofs, features]"
                                : "; a roof model over pixels takes a float tensor " + image.layout()));
            }
            long[] shape = t.getShape();
            if (image == null) {
                if (shape[1] >= 0 && shape[1] != spec.features().size()) {
                    throw InvalidInputException.of("features", name + " takes " + shape[1] + " features but its "
                            + "description names " + spec.features().size());
                }
            } else {
                boolean nchw = image.layout().equals("NCHW");
                long[] expected = nchw ? new long[] {-1, 3, image.height(), image.width()}
                        : new long[] {-1, image.height(), image.width(), 3};
                for (int d = 1; d < 4; d++) {
                    if (shape[d] >= 0 && shape[d] != expected[d]) {
                        throw InvalidInputException.of("image", name + " takes " + java.util.Arrays.toString(shape)
                                + " but its description says " + image.layout() + " " + image.width() + "x"
                                + image.height() + " with 3 channels");
                    }
                }
            }
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            String out = spec.output();
            if (out != null && !outputs.containsKey(out)) {
                throw InvalidInputException.of("output", name + " has no output '" + out + "'; it has " + outputs.keySet());
            }
            if (out == null) {
                out = outputs.values().stream().filter(o -> scoresOf(o, spec)).map(NodeInfo::getName).findFirst()
                        .orElseThrow(() -> InvalidInputException.of("output", name + " has no output of "
                                + spec.labels().size() + " scores a roof (outputs " + outputs.keySet()
                                + "); name the one to read as \"output\" in its description"));
            } else if (!scoresOf(outputs.get(out), spec)) {
                throw InvalidInputException.of("output", name + "'s output '" + out + "' is " + outputs.get(out).getInfo()
                        + ", not " + spec.labels().size() + " scores a roof");
            }
            int[] columns = spec.features().stream().mapToInt(RoofFeatures.NAMES::indexOf).toArray();
            return new OnnxRoofModel(spec, session, in.getName(), out, columns, shape[0] != 1);
        } catch (OrtException e) {
            throw InvalidInputException.of("model", name + " cannot be inspected: " + firstLine(e.getMessage()));
        }
    }

    /** Whether an output can be the scores: a float matrix with a column per label, or a sequence of maps. */
    private static boolean scoresOf(NodeInfo o, Spec spec) {
        if (o.getInfo() instanceof TensorInfo t) {
            long[] shape = t.getShape();
            return t.type == OnnxJavaType.FLOAT && shape.length == 2
                    && (shape[1] < 0 || shape[1] == spec.labels().size());
        }
        return o.getInfo() instanceof SequenceInfo s && s.sequenceOfMaps;
    }

    /** What the model was described as. */
    public Spec spec() {
        return spec;
    }

    /** Whether the model looks at the roof's pixels rather than its features. */
    public boolean takesImages() {
        return spec.image() != null;
    }

    /** The probability per label the model gives one roof's {@link RoofFeatures} (a model over features only). */
    public Map<String, Double> predict(double[] roofFeatures) {
        return predict(List.of(roofFeatures)).getFirst();
    }

    /** The probabilities per label of many roofs' features, in one run where the model takes batches. */
    public List<Map<String, Double>> predict(List<double[]> roofFeatures) {
        if (takesImages()) {
            throw new IllegalStateException("this model looks at the roof's pixels; give it the roofs");
        }
        if (!batches && roofFeatures.size() > 1) {
            return roofFeatures.stream().map(this::predict).toList();
        }
        int width = columns.length;
        float[] matrix = new float[roofFeatures.size() * width];
        for (int r = 0; r < roofFeatures.size(); r++) {
            double[] all = roofFeatures.get(r);
            if (all.length != RoofFeatures.NAMES.size()) {
                throw new IllegalArgumentException("expected " + RoofFeatures.NAMES.size() + " features, got " + all.length);
            }
            for (int c = 0; c < width; c++) {
                matrix[r * width + c] = (float) all[columns[c]];
            }
        }
        return run(matrix, new long[] {roofFeatures.size(), width}, roofFeatures.size());
    }

    /** What the model says of one roof, from its pixels or its features as the model takes them. */
    public Map<String, Double> predict(Roof roof) {
        return predictRoofs(List.of(roof)).getFirst();
    }

    /** What the model says of many roofs, batched where it can. */
    public List<Map<String, Double>> predictRoofs(List<Roof> roofs) {
        ImageInput image = spec.image();
        if (image == null) {
            return predict(roofs.stream().map(Roof::features).toList());
        }
        if (!batches && roofs.size() > 1) {
            return roofs.stream().map(this::predict).toList();
        }
        int plane = image.width() * image.height();
        float[] tensor = new float[roofs.size() * plane * 3];
        boolean nchw = image.layout().equals("NCHW");
        boolean bgr = image.channels().equals("BGR");
        for (int r = 0; r < roofs.size(); r++) {
            BufferedImage crop = crop(roofs.get(r).image(), roofs.get(r).mask(), image.width(), image.height());
            int[] rgb = crop.getRGB(0, 0, image.width(), image.height(), null, 0, image.width());
            int base = r * plane * 3;
            for (int i = 0; i < plane; i++) {
                int px = rgb[i];
                int[] channel = {(px >> 16) & 0xFF, (px >> 8) & 0xFF, px & 0xFF};
                for (int c = 0; c < 3; c++) {
                    int source = bgr ? 2 - c : c;
                    float v = (float) ((channel[source] * image.scale() - image.mean()[c]) / image.std()[c]);
                    tensor[base + (nchw ? c * plane + i : i * 3 + c)] = v;
                }
            }
        }
        long[] shape = nchw ? new long[] {roofs.size(), 3, image.height(), image.width()}
                : new long[] {roofs.size(), image.height(), image.width(), 3};
        return run(tensor, shape, roofs.size());
    }

    /** The roof's bounding box (from its mask; the whole image without one), scaled to the model's size. */
    static BufferedImage crop(BufferedImage image, boolean @Nullable [] mask, int width, int height) {
        int w = image.getWidth();
        int minX = 0;
        int minY = 0;
        int maxX = w - 1;
        int maxY = image.getHeight() - 1;
        if (mask != null) {
            minX = w;
            minY = image.getHeight();
            maxX = -1;
            maxY = -1;
            for (int i = 0; i < mask.length; i++) {
                if (mask[i]) {
                    minX = Math.min(minX, i % w);
                    maxX = Math.max(maxX, i % w);
                    minY = Math.min(minY, i / w);
                    maxY = Math.max(maxY, i / w);
                }
            }
            if (maxX < 0) {
                minX = 0;
                minY = 0;
                maxX = w - 1;
                maxY = image.getHeight() - 1;
            }
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, width, height, minX, minY, maxX + 1, maxY + 1, null);
        g.dispose();
        return out;
    }

    private List<Map<String, Double>> run(float[] values, long[] shape, int roofs) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(values), shape);
                OrtSession.Result result = session.run(Map.of(input, tensor), Set.of(output))) {
            OnnxValue value = result.get(output).orElseThrow();
            List<Map<String, Double>> out = new ArrayList<>(roofs);
            if (value instanceof OnnxTensor t) {
                float[][] rows = (float[][]) t.getValue();
                for (float[] row : rows) {
                    out.add(labelled(row));
                }
            } else if (value instanceof OnnxSequence s) {
                for (OnnxValue m : s.getValue()) {
                    out.add(labelled(((OnnxMap) m).getValue()));
                }
            } else {
                throw new IllegalStateException("output '" + output + "' is " + value.getInfo());
            }
            if (out.size() != roofs) {
                throw new IllegalStateException("the model scored " + out.size() + " of " + roofs + " roofs");
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("the ONNX roof model failed: " + firstLine(e.getMessage()), e);
        }
    }

    private Map<String, Double> labelled(float[] row) {
        if (row.length != spec.labels().size()) {
            throw new IllegalStateException("the model gave " + row.length + " scores for " + spec.labels().size()
                    + " labels");
        }
        double[] p = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            p[i] = row[i];
        }
        if (spec.scores().equals("logits")) {
            double max = java.util.Arrays.stream(p).max().orElse(0);
            double sum = 0;
            for (int i = 0; i < p.length; i++) {
                p[i] = Math.exp(p[i] - max);
                sum += p[i];
            }
            for (int i = 0; i < p.length; i++) {
                p[i] /= sum;
            }
        }
        Map<String, Double> out = new TreeMap<>();
        for (int i = 0; i < p.length; i++) {
            out.put(spec.labels().get(i), p[i]);
        }
        return out;
    }

    private Map<String, Double> labelled(Map<?, ?> scores) {
        float[] row = new float[spec.labels().size()];
        for (Map.Entry<?, ?> e : scores.entrySet()) {
            int i = e.getKey() instanceof Number n ? n.intValue() : spec.labels().indexOf(String.valueOf(e.getKey()));
            if (i < 0 || i >= row.length) {
                throw new IllegalStateException("the model scored label '" + e.getKey() + "', which its description "
                        + "does not name");
            }
            row[i] = ((Number) e.getValue()).floatValue();
        }
        return labelled(row);
    }

    @Override
    public void close() {
        close(session);
    }

    private static void close(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // Closing frees native memory; nothing more can be done if it fails.
        }
    }

    private static @Nullable String text(Map<String, Object> raw, String field, String where, Map<String, String> errors) {
        Object v = raw.get(field);
        if (v instanceof String s && !s.isBlank()) {
            return s.strip();
        }
        errors.put(field, where + ": " + field + (v == null ? " is missing" : " must be a non-empty string"));
        return null;
    }

    private static @Nullable List<String> texts(Map<String, Object> raw, String field, String where,
            Map<String, String> errors) {
        Object v = raw.get(field);
        if (v instanceof List<?> list && list.stream().allMatch(x -> x instanceof String s && !s.isBlank())) {
            return list.stream().map(x -> ((String) x).strip()).toList();
        }
        errors.put(field, where + ": " + field + (v == null ? " is missing" : " must be a list of names"));
        return null;
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "no reason given";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}

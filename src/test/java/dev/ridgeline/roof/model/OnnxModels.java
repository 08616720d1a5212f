package dev.ridgeline.roof.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import ai.onnx.proto.OnnxMl;
import dev.ridgeline.roof.RoofFeatures;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real ONNX models for tests, made the way a data scientist would make one: a logistic regression trained with
 * Tribuo over some of the roof features and exported with Tribuo's ONNX exporter, and its description written from
 * the model's own feature and label order.
 */
public final class OnnxModels {

    private OnnxModels() {
    }

    /** Logistic regression over the named features of each roof ({@code features} are whole feature vectors). */
    public static LinearSGDModel logistic(List<String> use, List<double[]> features, List<String> labels) {
        LabelFactory factory = new LabelFactory();
        List<org.tribuo.Example<Label>> examples = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            examples.add(new ArrayExample<>(new Label(labels.get(i)), use.toArray(String[]::new), pick(use, features.get(i))));
        }
        LogisticRegressionTrainer trainer = new LogisticRegressionTrainer();
        return (LinearSGDModel) trainer.train(new MutableDataset<>(new ListDataSource<>(examples, factory,
                new SimpleDataSourceProvenance("test roofs", factory))));
    }

    static double[] pick(List<String> use, double[] all) {
        return use.stream().mapToDouble(n -> all[RoofFeatures.NAMES.indexOf(n)]).toArray();
    }

    /** The features in the order the exported model takes them (Tribuo's feature ids). */
    public static List<String> featureOrder(LinearSGDModel model) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < model.getFeatureIDMap().size(); i++) {
            out.add(model.getFeatureIDMap().get(i).getName());
        }
        return out;
    }

    /** The labels in the order of the exported model's output columns. */
    public static List<String> labelOrder(LinearSGDModel model) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < model.getOutputIDInfo().size(); i++) {
            out.add(model.getOutputIDInfo().getOutput(i).getLabel());
        }
        return out;
    }

    /** Writes {@code file} (ONNX) and its description beside it; returns the model file. */
    public static Path export(LinearSGDModel model, String task, Path file) {
        return write(model.exportONNXModel("dev.ridgeline.test", 1), task, featureOrder(model), labelOrder(model),
                Map.of(), file);
    }

    /** The same model with scikit-learn's output shape: a ZipMap from label index to probability. */
    public static Path exportZipMap(LinearSGDModel model, String task, Path file) {
        OnnxMl.ModelProto proto = model.exportONNXModel("dev.ridgeline.test", 1);
        OnnxMl.GraphProto graph = proto.getGraph();
        String scores = graph.getOutput(0).getName();
        List<Long> classes = new ArrayList<>();
        for (long i = 0; i < model.getOutputIDInfo().size(); i++) {
            classes.add(i);
        }
        OnnxMl.NodeProto zip = OnnxMl.NodeProto.newBuilder().setOpType("ZipMap").setDomain("ai.onnx.ml")
                .setName("zipmap").addInput(scores).addOutput("output_probability")
                .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("classlabels_int64s")
                        .setType(OnnxMl.AttributeProto.AttributeType.INTS).addAllInts(classes))
                .build();
        OnnxMl.TypeProto map = OnnxMl.TypeProto.newBuilder().setMapType(OnnxMl.TypeProto.Map.newBuilder()
                .setKeyType(OnnxMl.TensorProto.DataType.INT64.getNumber())
                .setValueType(OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())))).build();
        OnnxMl.ValueInfoProto out = OnnxMl.ValueInfoProto.newBuilder().setName("output_probability")
                .setType(OnnxMl.TypeProto.newBuilder().setSequenceType(
                        OnnxMl.TypeProto.Sequence.newBuilder().setElemType(map)))
                .build();
        OnnxMl.GraphProto zipped = graph.toBuilder().addNode(zip).clearOutput().addOutput(out).build();
        OnnxMl.ModelProto.Builder b = proto.toBuilder().setGraph(zipped);
        if (b.getOpsetImportList().stream().noneMatch(o -> o.getDomain().equals("ai.onnx.ml"))) {
            b.addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("ai.onnx.ml").setVersion(1));
        }
        return write(b.build(), task, featureOrder(model), labelOrder(model), Map.of(), file);
    }

    /**
     * A hand-built ONNX model over one feature: {@code above} with probability sigmoid(k (x - threshold)),
     * {@code below} with the rest; written with its description.
     */
    public static Path threshold(String task, String feature, double threshold, double k, String above, String below,
            Path file) {
        OnnxMl.TensorShapeProto.Dimension batch = OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("roofs")
                .build();
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("threshold")
                .addInput(matrix("input", batch, 1)).addOutput(matrix("scores", batch, 2))
                .addInitializer(scalar("t", (float) threshold)).addInitializer(scalar("k", (float) k))
                .addInitializer(scalar("one", 1f))
                .addNode(node("Sub", "input", "t", "d")).addNode(node("Mul", "d", "k", "z"))
                .addNode(OnnxMl.NodeProto.newBuilder().setOpType("Sigmoid").addInput("z").addOutput("p"))
                .addNode(node("Sub", "one", "p", "q"))
                .addNode(node("Concat", "p", "q", "scores").toBuilder().addAttribute(OnnxMl.AttributeProto.newBuilder()
                        .setName("axis").setType(OnnxMl.AttributeProto.AttributeType.INT).setI(1)).build());
        OnnxMl.ModelProto model = OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("ridgeline-tests")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).setGraph(g).build();
        return write(model, task, List.of(feature), List.of(above, below), Map.of(), file);
    }

    /**
     * A hand-built model over pixels, {@code size} square: the mean of each channel, then "tarp" with the softmax of
     * 10 (blue - red) - 1 against "no_tarp"; in the given layout, with the description's image fields.
     */
    public static Path blueTarpModel(String layout, int size, Map<String, Object> image, Path file) {
        OnnxMl.TensorShapeProto.Dimension batch = OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("roofs")
                .build();
        boolean nchw = layout.equals("NCHW");
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder().addDim(batch);
        for (long d : nchw ? new long[] {3, size, size} : new long[] {size, size, 3}) {
            shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        OnnxMl.ValueInfoProto input = OnnxMl.ValueInfoProto.newBuilder().setName("pixels").setType(OnnxMl.TypeProto
                .newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(shape))).build();
        OnnxMl.TensorProto weights = OnnxMl.TensorProto.newBuilder().setName("w").addDims(3).addDims(2)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                .addAllFloatData(List.of(-10f, 0f, 0f, 0f, 10f, 0f)).build();
        OnnxMl.TensorProto bias = OnnxMl.TensorProto.newBuilder().setName("b").addDims(2)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).addAllFloatData(List.of(-1f, 0f)).build();
        OnnxMl.NodeProto mean = OnnxMl.NodeProto.newBuilder().setOpType("ReduceMean").addInput("pixels")
                .addOutput("means")
                .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("axes")
                        .setType(OnnxMl.AttributeProto.AttributeType.INTS).addAllInts(nchw ? List.of(2L, 3L) : List.of(1L, 2L)))
                .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("keepdims")
                        .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(0))
                .build();
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("blue").addInput(input)
                .addOutput(matrix("probabilities", batch, 2)).addInitializer(weights).addInitializer(bias)
                .addNode(mean).addNode(node("MatMul", "means", "w", "z")).addNode(node("Add", "z", "b", "logits"))
                .addNode(OnnxMl.NodeProto.newBuilder().setOpType("Softmax").addInput("logits").addOutput("probabilities")
                        .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("axis")
                                .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(1)));
        OnnxMl.ModelProto model = OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("ridgeline-tests")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).setGraph(g).build();
        Map<String, Object> described = new java.util.LinkedHashMap<>(Map.of("width", size, "height", size,
                "layout", layout));
        described.putAll(image);
        return write(model, "damage", List.of(), List.of("tarp", "no_tarp"), Map.of("input", "image", "image",
                described), file);
    }

    private static OnnxMl.ValueInfoProto matrix(String name, OnnxMl.TensorShapeProto.Dimension rows, long columns) {
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder().setTensorType(
                OnnxMl.TypeProto.Tensor.newBuilder().setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                        .setShape(OnnxMl.TensorShapeProto.newBuilder().addDim(rows)
                                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(columns)))))
                .build();
    }

    private static OnnxMl.TensorProto scalar(String name, float value) {
        return OnnxMl.TensorProto.newBuilder().setName(name).addDims(1)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).addFloatData(value).build();
    }

    private static OnnxMl.NodeProto node(String op, String a, String b, String out) {
        return OnnxMl.NodeProto.newBuilder().setOpType(op).addInput(a).addInput(b).addOutput(out).build();
    }

    /** Writes any ONNX model with a description of {@code features} and {@code labels} plus extra fields. */
    public static Path write(OnnxMl.ModelProto proto, String task, List<String> features, List<String> labels,
            Map<String, Object> extra, Path file) {
        try {
            Files.write(file, proto.toByteArray());
            Map<String, Object> spec = new java.util.LinkedHashMap<>();
            spec.put("task", task);
            spec.put("labels", labels);
            if (!features.isEmpty()) {
                spec.put("features", features);
            }
            spec.put("source", "made-up roofs in a test");
            spec.put("licence", "test only");
            spec.putAll(extra);
            Files.writeString(description(file), JsonMapper.builder().build().writeValueAsString(spec));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path description(Path model) {
        return model.resolveSibling(model.getFileName().toString().replace(".onnx", ".json"));
    }
}

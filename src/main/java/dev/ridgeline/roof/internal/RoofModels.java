package dev.ridgeline.roof.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import javax.imageio.ImageIO;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.tribuo.Model;
import org.tribuo.classification.Label;

import tools.jackson.databind.json.JsonMapper;

import dev.ridgeline.imagery.ImageryService;
import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.roof.RoofAnalysis;
import dev.ridgeline.roof.RoofAnalyzer;
import dev.ridgeline.roof.RoofFeatures;
import dev.ridgeline.roof.RoofService;
import dev.ridgeline.roof.TrainedModel;
import dev.ridgeline.roof.model.OnnxRoofModel;
import dev.ridgeline.roof.model.RoofTraining;

/**
 * A company's roof models, one in use per task (damage, condition, material). Built-in models are gradient-boosted
 * trees trained here on the labels its people gave while working leads (the features of each labelled roof inside
 * its mask, from the image it was analysed on), with a cross-validated accuracy. Models supplied as ONNX (trained
 * elsewhere, on more roofs) are measured on the same labelled roofs before anything uses them, and are put in use
 * only when they do at least as well as the model trained here; a newly trained built-in model must in turn beat a
 * supplied model in use. A model answers "unknown" below 60%.
 */
@Component
public class RoofModels {

    /** At least this many labelled roofs, and three of each label, before a model is trained. */
    public static final int MIN_LABELS = 12;
    static final double CONFIDENT = 0.6;
    static final int FOLDS = 4;
    static final String BUILT_IN = "built-in";
    static final String ONNX = "onnx";

    /** The labelled roofs of one task: each roof's features and its newest label. */
    private record Labelled(List<OnnxRoofModel.Roof> roofs, List<String> labels, Map<String, Integer> counts) {

        List<double[]> features() {
            return roofs.stream().map(OnnxRoofModel.Roof::features).toList();
        }

        boolean trainable() {
            return labels.size() >= MIN_LABELS && counts.size() >= 2 && counts.values().stream().allMatch(c -> c >= 3);
        }
    }

    private record InUse(UUID id, String task, String kind, String name, int examples, double accuracy) {
    }

    private final JdbcClient jdbc;
    private final ImageryService imagery;
    private final IdGenerator ids;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<UUID, Function<OnnxRoofModel.Roof, Map<String, Double>>> cache = new ConcurrentHashMap<>();

    RoofModels(JdbcClient jdbc, ImageryService imagery, IdGenerator ids, Clock clock, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.imagery = imagery;
        this.ids = ids;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** Trains the company's model for a task from its labels; says what is missing when there are too few. */
    public TrainedModel train(TenantId tenant, String task) {
        Labelled labelled = labelled(tenant, task);
        if (!labelled.trainable()) {
            throw InvalidInputException.of("labels", "a " + task + " model needs at least " + MIN_LABELS
                    + " labelled roofs with three of each label; there are "
                    + (labelled.counts().isEmpty() ? "none" : labelled.counts()));
        }
        double accuracy = crossValidated(labelled.features(), labelled.labels());
        Model<Label> model = RoofTraining.trainFeatures(labelled.features(), labelled.labels());
        boolean use = true;
        String note = "in use: " + percent(accuracy) + " right on labelled roofs it had not learnt from";
        Optional<InUse> current = inUseFor(tenant, task);
        if (current.isPresent() && current.get().kind().equals(ONNX)) {
            double theirs = accuracy(predictor(tenant, current.get().id()), labelled);
            if (theirs > accuracy) {
                use = false;
                note = "not used: " + percent(accuracy) + " right against " + percent(theirs) + " for the supplied model "
                        + current.get().name() + " on the same " + labelled.labels().size() + " roofs";
            }
        }
        UUID id = store(tenant, task, BUILT_IN, "gradient-boosted trees", labelled, accuracy, serialize(model), null,
                use, note);
        cache.put(id, roof -> RoofTraining.predict(model, roof.features()));
        return new TrainedModel(id, task, BUILT_IN, "gradient-boosted trees", labelled.labels().size(),
                labelled.counts().toString(), accuracy, use, note, clock.instant());
    }

    /**
     * Takes a model supplied as ONNX with its description, measures it on the company's labelled roofs of its task,
     * and puts it in use when it does at least as well as a model trained here on the same roofs (and as the supplied
     * model in use, if any). It is kept either way, with the figures.
     */
    public TrainedModel supply(TenantId tenant, String fileName, byte[] model, byte[] description) {
        String name = fileName.isBlank() ? "model.onnx" : fileName.strip();
        try (OnnxRoofModel onnx = OnnxRoofModel.of(model, description, name)) {
            String task = onnx.spec().task();
            List<String> allowed = RoofService.LABELS.get(task);
            List<String> unknown = onnx.spec().labels().stream().filter(l -> !allowed.contains(l)).toList();
            if (!unknown.isEmpty()) {
                throw InvalidInputException.of("labels", name + ": the labels " + unknown + " are not " + task
                        + " labels here; use " + allowed + " in its description, in the order of its outputs");
            }
            Labelled labelled = labelled(tenant, task);
            if (labelled.labels().size() < MIN_LABELS) {
                throw InvalidInputException.of("labels", "a supplied model is measured on your own labelled roofs before "
                        + "it is used: label at least " + MIN_LABELS + " roofs for " + task + " (there are "
                        + labelled.labels().size() + ")");
            }
            double theirs = accuracy(onnx::predict, labelled);
            String rival = null;
            double best = -1;
            if (labelled.trainable()) {
                best = crossValidated(labelled.features(), labelled.labels());
                rival = "a model trained here";
            }
            Optional<InUse> current = inUseFor(tenant, task);
            if (current.isPresent() && current.get().kind().equals(ONNX)) {
                double other = accuracy(predictor(tenant, current.get().id()), labelled);
                if (other > best) {
                    best = other;
                    rival = "the supplied model " + current.get().name();
                }
            }
            boolean use = theirs >= best;
            String measured = percent(theirs) + " right on your " + labelled.labels().size() + " labelled roofs";
            String note = rival == null ? "in use: " + measured
                    : (use ? "in use: " : "not used: ") + measured + " against " + percent(best) + " for " + rival;
            UUID id = store(tenant, task, ONNX, name, labelled, theirs, model, new String(description,
                    java.nio.charset.StandardCharsets.UTF_8), use, note);
            return new TrainedModel(id, task, ONNX, name, labelled.labels().size(), labelled.counts().toString(), theirs,
                    use, note, clock.instant());
        }
    }

    /** The company's models, the ones in use first, then the newest. */
    public List<TrainedModel> models(TenantId tenant) {
        return jdbc.sql("""
                select id, task, kind, name, examples, labels, accuracy, in_use, note, trained_at from roof.model
                where tenant_id = :t order by task, in_use desc, trained_at desc""")
                .param("t", tenant.value())
                .query((rs, n) -> new TrainedModel(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5), rs.getString(6), rs.getDouble(7), rs.getBoolean(8),
                        rs.getString(9), rs.getTimestamp(10).toInstant()))
                .list();
    }

    /** What each of the company's models in use says of a roof (its pixels inside the mask). */
    public List<RoofAnalysis.Classification> classify(TenantId tenant, BufferedImage image, boolean[] mask) {
        List<InUse> models = inUse(tenant, null);
        if (models.isEmpty()) {
            return List.of();
        }
        OnnxRoofModel.Roof roof = new OnnxRoofModel.Roof(image, mask, RoofFeatures.of(image, mask));
        List<RoofAnalysis.Classification> out = new ArrayList<>();
        for (InUse m : models) {
            Map.Entry<String, Double> best = predictor(tenant, m.id()).apply(roof).entrySet().stream()
                    .max(Map.Entry.comparingByValue()).orElseThrow();
            out.add(new RoofAnalysis.Classification(m.task(), best.getValue() >= CONFIDENT ? best.getKey() : "unknown",
                    best.getValue(), m.examples(), m.accuracy(), m.kind().equals(ONNX) ? m.name() : BUILT_IN));
        }
        return out;
    }

    private Optional<InUse> inUseFor(TenantId tenant, String task) {
        return inUse(tenant, task).stream().findFirst();
    }

    private List<InUse> inUse(TenantId tenant, @Nullable String task) {
        return jdbc.sql("""
                select id, task, kind, name, examples, accuracy from roof.model
                where tenant_id = :t and in_use and (cast(:task as text) is null or task = :task) order by task""")
                .param("t", tenant.value()).param("task", task)
                .query((rs, n) -> new InUse(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5), rs.getDouble(6)))
                .list();
    }

    private Labelled labelled(TenantId tenant, String task) {
        List<Object[]> rows = jdbc.sql("""
                select distinct on (l.property_id) l.property_id, l.image_id, l.label, a.result
                from roof.label l
                join lateral (select result from roof.analysis a where a.tenant_id = l.tenant_id
                  and a.image_id = l.image_id order by a.analysed_at desc limit 1) a on true
                where l.tenant_id = :t and l.task = :task and l.image_id is not null
                order by l.property_id, l.source = 'inspection' desc, l.labelled_at desc""")
                .param("t", tenant.value()).param("task", task)
                .query((rs, n) -> new Object[] {rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4)}).list();
        List<OnnxRoofModel.Roof> roofs = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (Object[] r : rows) {
            RoofAnalysis a = json.readValue((String) r[2], RoofAnalysis.class);
            BufferedImage img = decode(imagery.content(tenant, (UUID) r[0]).getValue());
            if (img == null) {
                continue;
            }
            boolean[] mask = RoofAnalyzer.mask(a.roofOutline(), img.getWidth(), img.getHeight(), 0);
            roofs.add(new OnnxRoofModel.Roof(img, mask, RoofFeatures.of(img, mask)));
            labels.add((String) r[1]);
            counts.merge((String) r[1], 1, Integer::sum);
        }
        return new Labelled(roofs, labels, counts);
    }

    private UUID store(TenantId tenant, String task, String kind, String name, Labelled labelled, double accuracy,
            byte[] model, @Nullable String description, boolean use, String note) {
        UUID id = ids.next();
        transactions.executeWithoutResult(tx -> {
            if (use) {
                jdbc.sql("update roof.model set in_use = false where tenant_id = :t and task = :task and in_use")
                        .param("t", tenant.value()).param("task", task).update();
            }
            jdbc.sql("""
                    insert into roof.model (tenant_id, id, task, kind, name, examples, labels, accuracy, model,
                      description, in_use, note, trained_at)
                    values (:t, :id, :task, :kind, :name, :n, :labels, :acc, :model, :description, :use, :note, :at)""")
                    .param("t", tenant.value()).param("id", id).param("task", task).param("kind", kind)
                    .param("name", name).param("n", labelled.labels().size()).param("labels", labelled.counts().toString())
                    .param("acc", accuracy).param("model", model).param("description", description).param("use", use)
                    .param("note", note).param("at", Timestamp.from(clock.instant())).update();
        });
        return id;
    }

    /** Share of labelled roofs a model gets right. */
    private static double accuracy(Function<OnnxRoofModel.Roof, Map<String, Double>> model, Labelled labelled) {
        int right = 0;
        for (int i = 0; i < labelled.labels().size(); i++) {
            String predicted = model.apply(labelled.roofs().get(i)).entrySet().stream()
                    .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            right += predicted.equals(labelled.labels().get(i)) ? 1 : 0;
        }
        return labelled.labels().isEmpty() ? 0 : (double) right / labelled.labels().size();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
    /** Accuracy over {@value #FOLDS} folds of roofs (each roof is one home, so no home is on both sides). */
    static double crossValidated(List<double[]> features, List<String> labels) {
        int right = 0;
        int asked = 0;
        for (int f = 0; f < FOLDS; f++) {
            List<double[]> trainX = new ArrayList<>();
            List<String> trainY = new ArrayList<>();
            for (int i = 0; i < features.size(); i++) {
                if (i % FOLDS != f) {
                    trainX.add(features.get(i));
                    trainY.add(labels.get(i));
                }
            }
            if (trainY.stream().distinct().count() < 2) {
                continue;
            }
            Model<Label> m = RoofTraining.trainFeatures(trainX, trainY);
            for (int i = f; i < features.size(); i += FOLDS) {
                String predicted = RoofTraining.predict(m, features.get(i)).entrySet().stream()
                        .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
                right += predicted.equals(labels.get(i)) ? 1 : 0;
                asked++;
            }
        }
        return asked == 0 ? 0 : (double) right / asked;
    }

    private static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] serialize(Model<Label> model) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A model by id, read once and kept: the Tribuo model or the ONNX session. */
    private Function<OnnxRoofModel.Roof, Map<String, Double>> predictor(TenantId tenant, UUID id) {
        return cache.computeIfAbsent(id, key -> {
            var row = jdbc.sql("select kind, name, model, description from roof.model where tenant_id = :t and id = :id")
                    .param("t", tenant.value()).param("id", id)
                    .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getString(4)})
                    .single();
            if (ONNX.equals(row[0])) {
                OnnxRoofModel onnx = OnnxRoofModel.of((byte[]) row[2],
                        ((String) row[3]).getBytes(java.nio.charset.StandardCharsets.UTF_8), (String) row[1]);
                return onnx::predict;
            }
            Model<Label> model = deserialize((byte[]) row[2], id);
            return roof -> RoofTraining.predict(model, roof.features());
        });
    }

    @SuppressWarnings("unchecked")
    private static Model<Label> deserialize(byte[] bytes, UUID id) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(ObjectInputFilter.Config.createFilter(
                    "org.tribuo.**;com.oracle.labs.mlrg.olcut.**;ml.dmlc.**;java.**;maxdepth=200;!*"));
            return (Model<Label>) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("roof model " + id + " cannot be read", e);
        }
    }
}

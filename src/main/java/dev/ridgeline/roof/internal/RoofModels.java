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
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.imageio.ImageIO;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
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
import dev.ridgeline.roof.model.RoofTraining;

/**
 * A company's own roof models, one per task (damage, condition, material), trained on the labels its people gave
 * while working leads: the features of each labelled roof (inside its mask, from the image it was analysed on),
 * gradient-boosted trees, and a cross-validated accuracy kept with the model. A model answers "unknown" below 60%.
 */
@Component
public class RoofModels {

    /** At least this many labelled roofs, and three of each label, before a model is trained. */
    public static final int MIN_LABELS = 12;
    static final double CONFIDENT = 0.6;
    static final int FOLDS = 4;

    /** A trained model as the pages list it. */
    public record Trained(String task, int examples, String labels, double accuracy, Instant trainedAt) {
    }

    private record Loaded(UUID id, String task, Model<Label> model, int examples, double accuracy) {
    }

    private final JdbcClient jdbc;
    private final ImageryService imagery;
    private final IdGenerator ids;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<UUID, Model<Label>> cache = new ConcurrentHashMap<>();

    RoofModels(JdbcClient jdbc, ImageryService imagery, IdGenerator ids, Clock clock) {
        this.jdbc = jdbc;
        this.imagery = imagery;
        this.ids = ids;
        this.clock = clock;
    }

    /** Trains the company's model for a task from its labels; says what is missing when there are too few. */
    public Trained train(TenantId tenant, String task) {
        List<Object[]> rows = jdbc.sql("""
                select distinct on (l.property_id) l.property_id, l.image_id, l.label, a.result
                from roof.label l
                join lateral (select result from roof.analysis a where a.tenant_id = l.tenant_id
                  and a.image_id = l.image_id order by a.analysed_at desc limit 1) a on true
                where l.tenant_id = :t and l.task = :task and l.image_id is not null
                order by l.property_id, l.labelled_at desc""")
                .param("t", tenant.value()).param("task", task)
                .query((rs, n) -> new Object[] {rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4)}).list();
        Map<String, Integer> counts = new TreeMap<>();
        rows.forEach(r -> counts.merge((String) r[1], 1, Integer::sum));
        if (rows.size() < MIN_LABELS || counts.size() < 2 || counts.values().stream().anyMatch(c -> c < 3)) {
            throw InvalidInputException.of("labels", "a " + task + " model needs at least " + MIN_LABELS
                    + " labelled roofs with three of each label; there are " + (counts.isEmpty() ? "none" : counts));
        }
        List<double[]> features = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Object[] r : rows) {
            RoofAnalysis a = json.readValue((String) r[2], RoofAnalysis.class);
            BufferedImage img = decode(imagery.content(tenant, (UUID) r[0]).getValue());
            if (img == null) {
                continue;
            }
            features.add(RoofFeatures.of(img, RoofAnalyzer.mask(a.roofOutline(), img.getWidth(), img.getHeight(), 0)));
            labels.add((String) r[1]);
        }
        double accuracy = crossValidated(features, labels);
        Model<Label> model = RoofTraining.trainFeatures(features, labels);
        UUID id = ids.next();
        Instant now = clock.instant();
        jdbc.sql("""
                insert into roof.model (tenant_id, id, task, examples, labels, accuracy, model, trained_at)
                values (:t, :id, :task, :n, :labels, :acc, :model, :at)""")
                .param("t", tenant.value()).param("id", id).param("task", task).param("n", features.size())
                .param("labels", counts.toString()).param("acc", accuracy).param("model", serialize(model))
                .param("at", Timestamp.from(now)).update();
        cache.put(id, model);
        return new Trained(task, features.size(), counts.toString(), accuracy, now);
    }

    /** The company's newest model per task. */
    public List<Trained> models(TenantId tenant) {
        return jdbc.sql("""
                select distinct on (task) task, examples, labels, accuracy, trained_at from roof.model
                where tenant_id = :t order by task, trained_at desc""")
                .param("t", tenant.value())
                .query((rs, n) -> new Trained(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getDouble(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
    }

    /** What each of the company's models says of a roof (its pixels inside the mask). */
    public List<RoofAnalysis.Classification> classify(TenantId tenant, BufferedImage image, boolean[] mask) {
        List<Loaded> models = jdbc.sql("""
                select distinct on (task) id, task, examples, accuracy from roof.model
                where tenant_id = :t order by task, trained_at desc""")
                .param("t", tenant.value())
                .query((rs, n) -> new Loaded(rs.getObject(1, UUID.class), rs.getString(2), null, rs.getInt(3),
                        rs.getDouble(4)))
                .list();
        if (models.isEmpty()) {
            return List.of();
        }
        double[] features = RoofFeatures.of(image, mask);
        List<RoofAnalysis.Classification> out = new ArrayList<>();
        for (Loaded m : models) {
            Model<Label> model = cache.computeIfAbsent(m.id(), id -> load(tenant, id));
            Map.Entry<String, Double> best = RoofTraining.predict(model, features).entrySet().stream()
                    .max(Map.Entry.comparingByValue()).orElseThrow();
            out.add(new RoofAnalysis.Classification(m.task(), best.getValue() >= CONFIDENT ? best.getKey() : "unknown",
                    best.getValue(), m.examples(), m.accuracy()));
        }
        return out;
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

    @SuppressWarnings("unchecked")
    private Model<Label> load(TenantId tenant, UUID id) {
        byte[] bytes = jdbc.sql("select model from roof.model where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", id).query(byte[].class).single();
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(ObjectInputFilter.Config.createFilter(
                    "org.tribuo.**;com.oracle.labs.mlrg.olcut.**;ml.dmlc.**;java.**;maxdepth=200;!*"));
            return (Model<Label>) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("roof model " + id + " cannot be read", e);
        }
    }
}

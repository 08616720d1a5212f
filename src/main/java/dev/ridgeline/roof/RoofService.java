package dev.ridgeline.roof;

import java.awt.image.BufferedImage;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

import dev.ridgeline.imagery.ImageryService;
import dev.ridgeline.imagery.Purpose;
import dev.ridgeline.imagery.StoredImage;
import dev.ridgeline.insight.InsightService;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.property.Building;
import dev.ridgeline.property.PropertyDetails;
import dev.ridgeline.property.PropertyService;

/**
 * Roof analysis of a property: its aerial view from the imagery module (free sources first), its footprint from the
 * property graph, its age from the lead score, and, when a storm report lies near, the view from before that storm
 * to compare against. Each analysis is kept (findings as JSON, urgency and verdict as columns) and its urgency feeds
 * the lead score. People confirm or correct verdicts; those labels are kept to train the company's own models.
 */
@Service
public class RoofService {

    /** The labels a person may give a roof, per task. */
    public static final java.util.Map<String, List<String>> LABELS = java.util.Map.of(
            "damage", List.of("damaged", "undamaged"),
            "material", List.of("3-tab asphalt", "architectural asphalt", "metal", "concrete tile", "clay tile", "slate",
                    "wood shake", "flat membrane"),
            "condition", List.of("good", "fair", "poor", "severe"),
            "tarp", List.of("yes", "no"), "missing", List.of("yes", "no"), "moss", List.of("yes", "no"),
            "staining", List.of("yes", "no"), "ponding", List.of("yes", "no"));
    static final Set<String> PITCHES = Set.of("0/12", "1/12", "2/12", "3/12", "4/12", "5/12", "6/12", "7/12", "8/12",
            "9/12", "10/12", "12/12", "14/12", "16/12", "18/12", "24/12");

    /** A label given to a roof. */
    public record RoofLabel(String task, String label, String by, java.time.Instant at, String source) {
    }

    /** A roof in a ranking: the home, its urgency and verdict. */
    public record Ranked(UUID propertyId, String address, int urgency, String verdict, java.time.Instant analysedAt) {
    }

    private final ImageryService imagery;
    private final PropertyService properties;
    private final InsightService insight;
    private final JdbcClient jdbc;
    private final IdGenerator ids;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final dev.ridgeline.roof.internal.RoofModels models;
    private final org.springframework.transaction.support.TransactionTemplate separate;
    private final org.springframework.beans.factory.ObjectProvider<com.github.kagkarlsson.scheduler.SchedulerClient> scheduler;
    private final com.github.kagkarlsson.scheduler.task.helper.OneTimeTask<dev.ridgeline.roof.internal.RoofJobs.BatchRef> stormBatch;

    RoofService(ImageryService imagery, PropertyService properties, InsightService insight, JdbcClient jdbc,
            IdGenerator ids, Clock clock, dev.ridgeline.roof.internal.RoofModels models,
            org.springframework.transaction.PlatformTransactionManager transactions,
            org.springframework.beans.factory.ObjectProvider<com.github.kagkarlsson.scheduler.SchedulerClient> scheduler,
            com.github.kagkarlsson.scheduler.task.helper.OneTimeTask<dev.ridgeline.roof.internal.RoofJobs.BatchRef> stormBatch) {
        this.models = models;
        this.scheduler = scheduler;
        this.stormBatch = stormBatch;
        this.separate = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.imagery = imagery;
        this.properties = properties;
        this.insight = insight;
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
    }

    /** Analyses the roof now, from its current aerial view; the pitch and material are the person's, when known. */
    @Transactional
    public RoofAnalysis analyse(Actor actor, UUID propertyId, @Nullable String pitch, @Nullable String material) {
        if (pitch != null && !pitch.isBlank() && !PITCHES.contains(pitch.strip())) {
            throw InvalidInputException.of("pitch", "'" + pitch + "' is not a pitch like 6/12");
        }
        if (material != null && !material.isBlank() && !LABELS.get("material").contains(material.strip())) {
            throw InvalidInputException.of("material", "'" + material + "' is not one of " + LABELS.get("material"));
        }
        PropertyDetails details = properties.details(actor, propertyId);
        StoredImage aerial = imagery.image(actor.tenantId(), details, Purpose.ROOF_CROP, null, null).image()
                .orElseThrow(() -> InvalidInputException.of("image", "no aerial view of this roof: no imagery source "
                        + "has it (see Settings, Imagery)"));
        BufferedImage image = decode(actor, aerial);
        Building b = details.buildings().stream().findFirst().orElse(null);
        double lat = b != null ? b.centroidLat() : details.property().latitude();
        double lon = b != null ? b.centroidLon() : details.property().longitude();
        LocalDate storm = details.storms().stream().map(s -> s.report().reportDate()).max(Comparator.naturalOrder())
                .orElse(null);
        BufferedImage before = null;
        LocalDate beforeDay = null;
        if (storm != null && aerial.capturedOn() != null && !aerial.capturedOn().isBefore(storm)) {
            Optional<StoredImage> earlier = imagery.image(actor.tenantId(), details, Purpose.ROOF_CROP,
                    storm.minusDays(1), null).image();
            if (earlier.isPresent() && earlier.get().capturedOn() != null) {
                before = decode(actor, earlier.get());
                beforeDay = earlier.get().capturedOn();
            }
        }
        Integer age = null;
        try {
            age = insight.score(actor, propertyId).roofAgeYears();
        } catch (NotFoundException e) {
            // Not scored yet: the age stays unknown, and the verdict says so.
        }
        double pixel = aerial.pixelMetres() != null ? aerial.pixelMetres()
                : aerial.resolutionMetres() != null ? aerial.resolutionMetres() : 0.3;
        RoofAnalysis a = new RoofAnalyzer(rules(actor.tenantId())).analyse(new RoofAnalyzer.Input(propertyId, aerial.id(), image,
                Math.max(pixel, 1e-3), aerial.capturedOn(), aerial.synthetic(), lat, lon, outline(b),
                b == null ? 0 : b.areaFt2(), age, blank(material), blank(pitch), before, beforeDay),
                aerial.resolutionMetres() == null ? pixel : aerial.resolutionMetres());
        // The company's own models, where it has trained them on its labels.
        a = a.withClassifications(models.classify(actor.tenantId(), image,
                RoofAnalyzer.mask(a.roofOutline(), image.getWidth(), image.getHeight(), 0)));
        jdbc.sql("""
                insert into roof.analysis (tenant_id, id, property_id, image_id, urgency, verdict, result, analysed_by,
                  analysed_at)
                values (:t, :id, :p, :image, :u, :v, cast(:r as jsonb), :by, :at)""")
                .param("t", actor.tenantId().value()).param("id", a.id()).param("p", propertyId).param("image", aerial.id())
                .param("u", a.urgency()).param("v", a.verdict().decision()).param("r", json.writeValueAsString(a))
                .param("by", actor.userId().value()).param("at", Timestamp.from(clock.instant())).update();
        if (blank(material) != null) {
            // The person said what the roof is made of: a label for the company's material model, on this image.
            jdbc.sql("""
                    insert into roof.label (tenant_id, id, property_id, image_id, task, label, source, labelled_by,
                      labelled_at)
                    values (:t, :id, :p, :image, 'material', :label, 'image', :by, :at)""")
                    .param("t", actor.tenantId().value()).param("id", ids.next()).param("p", propertyId)
                    .param("image", aerial.id()).param("label", blank(material)).param("by", actor.userId().value())
                    .param("at", Timestamp.from(clock.instant())).update();
        }
        // Once the analysis is committed, the lead score takes it in, in a transaction of its own: a failure there must
        // not lose the analysis (the next insight pass reads it anyway).
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        try {
                            separate.executeWithoutResult(s -> insight.roofAnalysed(actor.tenantId(), propertyId));
                        } catch (RuntimeException e) {
                            org.slf4j.LoggerFactory.getLogger(RoofService.class).warn("The score of {} did not take "
                                    + "its roof analysis in; the next pass will: {}", propertyId, e.toString());
                        }
                    }
                });
        return a;
    }

    /** The company's repair-or-replace rules and price table: its own, else the defaults. */
    @Transactional(readOnly = true)
    public RoofRules rules(TenantId tenant) {
        return jdbc.sql("select rules from roof.settings where tenant_id = :t").param("t", tenant.value())
                .query(String.class).optional().map(s -> json.readValue(s, RoofRules.class)).orElse(RoofRules.defaults());
    }

    /** Saves the company's rules and prices after checking every field; nothing is saved when one is wrong. */
    @Transactional
    public RoofRules saveRules(Actor actor, RoofRules rules) {
        actor.require(dev.ridgeline.platform.Permission.COMPANY_MANAGE);
        java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
        if (!(rules.replaceDamagedShare() > 0 && rules.replaceDamagedShare() <= 1)) {
            errors.put("replaceDamagedShare", "must be more than 0% and at most 100%");
        }
        if (!(rules.endOfLifeShare() > 0 && rules.endOfLifeShare() <= 1.5)) {
            errors.put("endOfLifeShare", "must be more than 0% and at most 150% of the lifespan");
        }
        if (!(rules.regionMultiplier() >= 0.5 && rules.regionMultiplier() <= 3)) {
            errors.put("regionMultiplier", "must be 0.5 to 3");
        }
        if (rules.repairMinimum() < 0 || rules.repairMinimum() > 100_000) {
            errors.put("repairMinimum", "must be $0 to $100,000");
        }
        rules.prices().forEach((material, p) -> {
            if (p.length != 2 || p[0] <= 0 || p[1] < p[0] || p[1] > 20_000) {
                errors.put("price." + material, "the price of " + material + " must be a low and a high per square, "
                        + "low above $0 and not above high (at most $20,000)");
            }
        });
        rules.lifespans().forEach((material, years) -> {
            if (years == null || years < 5 || years > 200) {
                errors.put("life." + material, "the lifespan of " + material + " must be 5 to 200 years");
            }
        });
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        jdbc.sql("""
                insert into roof.settings (tenant_id, rules, updated_at) values (:t, cast(:r as jsonb), :at)
                on conflict (tenant_id) do update set rules = excluded.rules, updated_at = excluded.updated_at""")
                .param("t", actor.tenantId().value()).param("r", json.writeValueAsString(rules))
                .param("at", Timestamp.from(clock.instant())).update();
        return rules;
    }

    /** A close-range photo of the roof and what the hail detector found on it. */
    public record Photo(UUID id, String fileName, int width, int height, double mmPerPixel,
            HailDetector.Result result, java.time.Instant uploadedAt) {
    }

    static final int PHOTO_MAX_BYTES = 20 * 1024 * 1024;

    /**
     * Adds a close-range photo with its scale (millimetres a pixel, e.g. from a tape or a known shingle exposure in
     * the photo) and looks for hail-strike candidates on it.
     */
    @Transactional
    public Photo addPhoto(Actor actor, UUID propertyId, String fileName, byte[] bytes, double mmPerPixel) {
        properties.get(actor, propertyId);
        if (bytes.length == 0 || bytes.length > PHOTO_MAX_BYTES) {
            throw InvalidInputException.of("photo", fileName + ": " + (bytes.length == 0 ? "the file is empty"
                    : "the file is over 20 MB"));
        }
        if (!(mmPerPixel > 0 && mmPerPixel <= 100)) {
            throw InvalidInputException.of("mmPerPixel", "the scale must be more than 0 and at most 100 mm a pixel");
        }
        BufferedImage img;
        try {
            img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        } catch (java.io.IOException e) {
            img = null;
        }
        if (img == null) {
            throw InvalidInputException.of("photo", fileName + " is not a JPEG or PNG image");
        }
        if ((long) img.getWidth() * img.getHeight() > 40_000_000L) {
            throw InvalidInputException.of("photo", fileName + " has more than 40 megapixels; send a smaller copy");
        }
        HailDetector.Result result = HailDetector.detect(img, mmPerPixel);
        UUID id = ids.next();
        java.time.Instant now = clock.instant();
        jdbc.sql("""
                insert into roof.photo (tenant_id, id, property_id, file_name, content_type, bytes, width, height,
                  mm_per_pixel, result, uploaded_by, uploaded_at)
                values (:t, :id, :p, :name, :ct, :bytes, :w, :h, :mm, cast(:r as jsonb), :by, :at)""")
                .param("t", actor.tenantId().value()).param("id", id).param("p", propertyId)
                .param("name", fileName.length() > 200 ? fileName.substring(0, 200) : fileName)
                .param("ct", bytes[0] == (byte) 0x89 ? "image/png" : "image/jpeg").param("bytes", bytes)
                .param("w", img.getWidth()).param("h", img.getHeight()).param("mm", mmPerPixel)
                .param("r", json.writeValueAsString(result)).param("by", actor.userId().value())
                .param("at", Timestamp.from(now)).update();
        return new Photo(id, fileName, img.getWidth(), img.getHeight(), mmPerPixel, result, now);
    }

    /** The close-range photos of a roof, newest first. */
    @Transactional(readOnly = true)
    public List<Photo> photos(Actor actor, UUID propertyId) {
        properties.get(actor, propertyId);
        return jdbc.sql("""
                select id, file_name, width, height, mm_per_pixel, result, uploaded_at from roof.photo
                where tenant_id = :t and property_id = :p order by uploaded_at desc""")
                .param("t", actor.tenantId().value()).param("p", propertyId)
                .query((rs, n) -> new Photo(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getInt(4),
                        rs.getDouble(5), json.readValue(rs.getString(6), HailDetector.Result.class),
                        rs.getTimestamp(7).toInstant()))
                .list();
    }

    /** A photo's bytes and type, for its company. */
    @Transactional(readOnly = true)
    public java.util.Map.Entry<String, byte[]> photo(Actor actor, UUID photoId) {
        return jdbc.sql("select content_type, bytes from roof.photo where tenant_id = :t and id = :id")
                .param("t", actor.tenantId().value()).param("id", photoId)
                .query((rs, n) -> java.util.Map.entry(rs.getString(1), rs.getBytes(2))).optional()
                .orElseThrow(() -> new NotFoundException("photo", photoId));
    }

    /** A storm's batch of roof analyses: how far it is. */
    public record Batch(LocalDate day, double minInches, int total, int done, int failed, boolean finished,
            java.time.Instant started, @org.jspecify.annotations.Nullable String problem) {

        public int percent() {
            return total == 0 ? 100 : done * 100 / total;
        }
    }

    /** The homes a storm's hail hit (at least {@code minInches}), at most {@value #BATCH_MAX}. */
    public List<UUID> homesHit(Actor actor, LocalDate day, double minInches) {
        return insight.homesHit(actor.tenantId(), day, day, minInches, List.of()).stream().limit(BATCH_MAX).toList();
    }

    static final int BATCH_MAX = 2_000;

    /**
     * Analyses, in the background, every roof the storm of {@code day} hit with hail of at least {@code minInches};
     * one batch at a time per company. The batch is kept in the database and run by the scheduler, so every node shows
     * its progress ({@link #batch}) and a restart resumes it.
     */
    public Batch analyseStorm(Actor actor, LocalDate day, double minInches) {
        if (minInches < 0 || minInches > 8) {
            throw InvalidInputException.of("minInches", "must be 0 to 8 inches");
        }
        Optional<Batch> running = batch(actor).filter(b -> !b.finished());
        if (running.isPresent()) {
            throw InvalidInputException.of("day", "the roofs of " + running.get().day() + " are being analysed ("
                    + running.get().done() + " of " + running.get().total() + "); wait for them to finish");
        }
        List<UUID> homes = homesHit(actor, day, minInches);
        UUID id = ids.next();
        java.time.Instant now = clock.instant();
        jdbc.sql("""
                insert into roof.batch (tenant_id, id, day, min_inches, homes, total, requested_by, role, started_at,
                  finished_at)
                values (:t, :id, :day, :min, :homes, :total, :by, :role, :at, :finished)""")
                .param("t", actor.tenantId().value()).param("id", id).param("day", day).param("min", minInches)
                .param("homes", homes.toArray(UUID[]::new)).param("total", homes.size())
                .param("by", actor.userId().value()).param("role", actor.role().name()).param("at", Timestamp.from(now))
                .param("finished", homes.isEmpty() ? Timestamp.from(now) : null).update();
        if (!homes.isEmpty()) {
            scheduler.getObject().scheduleIfNotExists(stormBatch.instance(id.toString(),
                    new dev.ridgeline.roof.internal.RoofJobs.BatchRef(actor.tenantId().value(), id)), now);
        }
        return new Batch(day, minInches, homes.size(), 0, 0, homes.isEmpty(), now, null);
    }

    /**
     * Runs a batch from its first roof not yet done, each roof in its own transaction, recording progress after each;
     * called by the scheduler. The analyses are made in the name of the person who asked for the batch.
     */
    public void runBatch(TenantId tenant, UUID id) {
        var row = jdbc.sql("""
                select homes, done, failed, requested_by, role from roof.batch
                where tenant_id = :t and id = :id and finished_at is null""")
                .param("t", tenant.value()).param("id", id)
                .query((rs, n) -> new Object[] {rs.getArray(1).getArray(), rs.getInt(2), rs.getInt(3),
                        rs.getObject(4, UUID.class), rs.getString(5)})
                .optional();
        if (row.isEmpty()) {
            return;
        }
        UUID[] homes = (UUID[]) row.get()[0];
        Actor actor = Actor.user(tenant, new dev.ridgeline.platform.UserId((UUID) row.get()[3]),
                dev.ridgeline.platform.Role.valueOf((String) row.get()[4]));
        for (int i = (int) row.get()[1]; i < homes.length; i++) {
            UUID home = homes[i];
            String problem = null;
            try {
                // A call on this object passes by its transaction proxy: each roof opens its own.
                separate.execute(s -> analyse(actor, home, null, null));
            } catch (InvalidInputException | NotFoundException e) {
                problem = e.getMessage();
            } catch (RuntimeException e) {
                problem = "an error, logged for the operator";
                org.slf4j.LoggerFactory.getLogger(RoofService.class).warn("Roof analysis of {} in batch {} failed",
                        home, id, e);
            }
            jdbc.sql("""
                    update roof.batch set done = :done, failed = failed + :failed, problem = coalesce(:problem, problem),
                      finished_at = case when :done >= total then cast(:at as timestamptz) end
                    where tenant_id = :t and id = :id""")
                    .param("done", i + 1).param("failed", problem == null ? 0 : 1).param("problem", problem)
                    .param("at", Timestamp.from(clock.instant())).param("t", tenant.value()).param("id", id).update();
        }
    }

    /** The company's latest storm batch. */
    public Optional<Batch> batch(Actor actor) {
        return jdbc.sql("""
                select day, min_inches, total, done, failed, finished_at is not null, started_at, problem
                from roof.batch where tenant_id = :t order by started_at desc limit 1""")
                .param("t", actor.tenantId().value())
                .query((rs, n) -> new Batch(rs.getObject(1, LocalDate.class), rs.getDouble(2), rs.getInt(3), rs.getInt(4),
                        rs.getInt(5), rs.getBoolean(6), rs.getTimestamp(7).toInstant(), rs.getString(8)))
                .optional();
    }

    /** Trains the company's model for a task (damage, condition, material) on its people's labels. */
    public TrainedModel trainModel(Actor actor, String task) {
        actor.require(dev.ridgeline.platform.Permission.LEADS_VIEW_ALL);
        if (!List.of("damage", "condition", "material").contains(task)) {
            throw InvalidInputException.of("task", "'" + task + "' is not damage, condition or material");
        }
        return models.train(actor.tenantId(), task);
    }

    /**
     * Takes a roof model supplied as ONNX with its description (see {@link dev.ridgeline.roof.model.OnnxRoofModel});
     * it is measured on the company's labelled roofs and used only if it does at least as well as its own model.
     */
    public TrainedModel supplyModel(Actor actor, String fileName, byte[] model, byte[] description) {
        actor.require(dev.ridgeline.platform.Permission.COMPANY_MANAGE);
        if (model.length == 0 || description.length == 0) {
            throw InvalidInputException.of("model", "choose the .onnx file and its description (.json)");
        }
        return models.supply(actor.tenantId(), fileName, model, description);
    }

    /** The company's roof models, the one in use per task first. */
    public List<TrainedModel> models(Actor actor) {
        return models.models(actor.tenantId());
    }

    /** How many roofs carry a label, per task. */
    @Transactional(readOnly = true)
    public java.util.Map<String, Long> labelCounts(Actor actor) {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        jdbc.sql("""
                select task, count(distinct property_id) from roof.label where tenant_id = :t group by task""")
                .param("t", actor.tenantId().value())
                .query((rs, n) -> out.put(rs.getString(1), rs.getLong(2))).list();
        return out;
    }

    /** The home's street view, if a source has one (for the pitch tool). */
    public Optional<StoredImage> streetView(Actor actor, UUID propertyId) {
        return imagery.image(actor, propertyId, Purpose.STREET_VIEW, null, null).image();
    }

    /** The latest analysis of a roof. */
    @Transactional(readOnly = true)
    public Optional<RoofAnalysis> latest(Actor actor, UUID propertyId) {
        properties.get(actor, propertyId);
        return jdbc.sql("""
                select result from roof.analysis where tenant_id = :t and property_id = :p
                order by analysed_at desc limit 1""")
                .param("t", actor.tenantId().value()).param("p", propertyId).query(String.class).optional()
                .map(s -> json.readValue(s, RoofAnalysis.class));
    }

    /** The urgency of a roof's latest analysis, for the lead score. */
    @Transactional(readOnly = true)
    public Optional<Integer> urgency(TenantId tenant, UUID propertyId) {
        return jdbc.sql("""
                select urgency from roof.analysis where tenant_id = :t and property_id = :p
                order by analysed_at desc limit 1""")
                .param("t", tenant.value()).param("p", propertyId).query(Integer.class).optional();
    }

    /** A person confirms or corrects what the analysis said: the label is kept to train the company's models. */
    @Transactional
    public void label(Actor actor, UUID propertyId, String task, String label) {
        label(actor, propertyId, task, label, "image");
    }

    /**
     * A label with where it came from: {@code image} (a look at the analysed image) or {@code inspection} (what was
     * found on the roof). For training and measuring models, a roof's inspection label outranks any look.
     */
    public void label(Actor actor, UUID propertyId, String task, String label, String source) {
        properties.get(actor, propertyId);
        List<String> allowed = LABELS.get(task);
        if (allowed == null) {
            throw InvalidInputException.of("task", "'" + task + "' is not one of " + LABELS.keySet());
        }
        if (!allowed.contains(label)) {
            throw InvalidInputException.of("label", "'" + label + "' is not one of " + allowed + " for " + task);
        }
        if (!source.equals("image") && !source.equals("inspection")) {
            throw InvalidInputException.of("source", "'" + source + "' is not image or inspection");
        }
        UUID image = latest(actor, propertyId).map(RoofAnalysis::imageId).orElse(null);
        jdbc.sql("""
                insert into roof.label (tenant_id, id, property_id, image_id, task, label, source, labelled_by, labelled_at)
                values (:t, :id, :p, :image, :task, :label, :source, :by, :at)""")
                .param("t", actor.tenantId().value()).param("id", ids.next()).param("p", propertyId).param("image", image)
                .param("task", task).param("label", label).param("source", source).param("by", actor.userId().value())
                .param("at", Timestamp.from(clock.instant())).update();
    }

    /** The labels given to a roof, newest first. */
    @Transactional(readOnly = true)
    public List<RoofLabel> labels(Actor actor, UUID propertyId) {
        properties.get(actor, propertyId);
        return jdbc.sql("""
                select l.task, l.label, coalesce(u.name, 'someone'), l.labelled_at, l.source from roof.label l
                left join identity.app_user u on u.tenant_id = l.tenant_id and u.id = l.labelled_by
                where l.tenant_id = :t and l.property_id = :p order by l.labelled_at desc""")
                .param("t", actor.tenantId().value()).param("p", propertyId)
                .query((rs, n) -> new RoofLabel(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5)))
                .list();
    }

    /** The company's analysed roofs, most urgent first. */
    @Transactional(readOnly = true)
    public List<Ranked> ranked(Actor actor, int limit) {
        return jdbc.sql("""
                select distinct on (a.property_id) a.property_id, p.address, a.urgency, a.verdict, a.analysed_at
                from roof.analysis a join property.property p on p.tenant_id = a.tenant_id and p.id = a.property_id
                where a.tenant_id = :t order by a.property_id, a.analysed_at desc""")
                .param("t", actor.tenantId().value())
                .query((rs, n) -> new Ranked(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .list().stream().sorted(Comparator.comparingInt(Ranked::urgency).reversed()).limit(limit).toList();
    }

    private BufferedImage decode(Actor actor, StoredImage image) {
        BufferedImage img;
        try {
            img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(imagery.content(actor, image.id()).getValue()));
        } catch (java.io.IOException e) {
            img = null;
        }
        if (img == null) {
            throw InvalidInputException.of("image", "the stored image " + image.id() + " cannot be read");
        }
        return img;
    }

    private List<double[]> outline(@Nullable Building b) {
        if (b == null) {
            return List.of();
        }
        try {
            var g = json.readTree(b.geometry());
            var ring = "MultiPolygon".equals(g.path("type").asString("")) ? g.path("coordinates").path(0).path(0)
                    : g.path("coordinates").path(0);
            List<double[]> out = new java.util.ArrayList<>();
            for (var pt : ring) {
                out.add(new double[] {pt.path(1).asDouble(), pt.path(0).asDouble()});
            }
            return out;
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static @Nullable String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

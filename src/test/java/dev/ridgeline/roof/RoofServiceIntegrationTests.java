package dev.ridgeline.roof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.imagery.ImageryService;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.roof.model.OnnxModels;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.RidgelineTest;

/**
 * Roof analysis through the application: the aerial view from the imagery module (the sandbox here), the footprint
 * placed on it, the analysis kept and read back, its urgency for the lead score, labels checked and kept, and a
 * company model trained on those labels that then answers in later analyses.
 */
@RidgelineTest
class RoofServiceIntegrationTests {

    @Autowired
    RoofService roofs;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ImageryService imagery;

    @Autowired
    dev.ridgeline.signals.SignalsService signals;

    Fixtures.Company company;

    @BeforeEach
    void setUp() {
        company = new Fixtures(identity, jdbc).company(Fixtures.unique("Roof Check Roofing"));
    }

    UUID home(int n) {
        return new Fixtures(identity, jdbc).homeWithFootprint(company, (300 + n) + " Oak St", 36.10 + n * 0.0011,
                -86.80 + n * 0.0013);
    }

    @Test
    void anAnalysisIsMadeFromTheAerialViewAndKept() {
        UUID home = home(1);
        RoofAnalysis a = roofs.analyse(company.ownerActor(), home, "6/12", "metal");
        assertThat(a.synthetic()).isTrue();
        assertThat(a.quality()).filteredOn(c -> c.name().equals("Roof in view")).allMatch(RoofAnalysis.Check::passed);
        // The 16 x 10 m footprint lands in the middle of the crop, about 107 x 67 pixels at 0.15 m.
        int[] xs = a.roofOutline().stream().mapToInt(p -> p[0]).toArray();
        int width = java.util.Arrays.stream(xs).max().orElseThrow() - java.util.Arrays.stream(xs).min().orElseThrow();
        assertThat(width).isBetween(100, 114);
        assertThat(a.area().pitch()).isEqualTo("6/12");
        assertThat(a.area().footprintFt2()).isCloseTo(1722, org.assertj.core.data.Offset.offset(2.0));
        assertThat(a.material()).isEqualTo("metal");
        assertThat(a.estimate().assumptions()).noneMatch(s -> s.contains("assumed"));
        RoofAnalysis read = roofs.latest(company.ownerActor(), home).orElseThrow();
        assertThat(read.id()).isEqualTo(a.id());
        assertThat(read.findings()).hasSameSizeAs(a.findings());
        assertThat(read.roofOutline().getFirst()).containsExactly(a.roofOutline().getFirst());
        assertThat(roofs.urgency(company.id(), home)).contains(a.urgency());
        assertThat(roofs.ranked(company.ownerActor(), 10)).extracting(RoofService.Ranked::propertyId).containsExactly(home);
    }

    @Test
    void badInputIsRefusedSayingWhat() {
        UUID home = home(2);
        assertThatThrownBy(() -> roofs.analyse(company.ownerActor(), home, "steep", null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'steep' is not a pitch like 6/12");
        assertThatThrownBy(() -> roofs.analyse(company.ownerActor(), home, null, "thatch"))
                .hasMessageContaining("'thatch' is not one of");
        assertThatThrownBy(() -> roofs.label(company.ownerActor(), home, "colour", "red"))
                .hasMessageContaining("'colour' is not one of");
        assertThatThrownBy(() -> roofs.label(company.ownerActor(), home, "damage", "a bit"))
                .hasMessageContaining("'a bit' is not one of [damaged, undamaged] for damage");
        Fixtures.Company other = new Fixtures(identity, jdbc).company(Fixtures.unique("Other Roofing"));
        assertThatThrownBy(() -> roofs.analyse(other.ownerActor(), home, null, null)).isInstanceOf(NotFoundException.class);
    }

    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;

    @Autowired
    dev.ridgeline.insight.InsightService insight;

    @Test
    void theLeadScoreTakesTheRoofsUrgencyIn() {
        UUID home = home(5);
        insight.analyse(company.id(), null);
        int before = insight.score(company.ownerActor(), home).score();
        assertThat(insight.score(company.ownerActor(), home).factors())
                .noneMatch(f -> f.kind() == dev.ridgeline.insight.FactorKind.ROOF_CONDITION);
        // An analysis that saw a tarp (urgency 60) lands: the score takes it in at once, with its reason.
        jdbc.sql("""
                insert into roof.analysis (tenant_id, id, property_id, image_id, urgency, verdict, result, analysed_at)
                values (:t, :id, :p, :image, 60, 'repair',
                  cast('{"urgencyReasons":["+45 a blue tarp on the roof (6.0 m²)"]}' as jsonb), now())""")
                .param("t", company.id().value()).param("id", UUID.randomUUID()).param("p", home)
                .param("image", UUID.randomUUID()).update();
        assertThat(insight.roofAnalysed(company.id(), home)).contains(before + 12);
        var factor = insight.score(company.ownerActor(), home).factors().stream()
                .filter(f -> f.kind() == dev.ridgeline.insight.FactorKind.ROOF_CONDITION).findFirst().orElseThrow();
        assertThat(factor.points()).isEqualTo(12);
        assertThat(factor.words()).contains("urgency 60 (a blue tarp on the roof (6.0 m²))");
        // A full pass keeps it, read from the roof module.
        insight.analyse(company.id(), null);
        assertThat(insight.score(company.ownerActor(), home).score()).isEqualTo(before + 12);
        // And the roof module's own analysis reaches the score without being asked.
        RoofAnalysis a = roofs.analyse(company.ownerActor(), home, null, null);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(insight.score(company.ownerActor(), home).score())
                        .isEqualTo(before + (int) Math.round(20 * a.urgency() / 100.0)));
    }

    @Test
    void aCloseRangePhotoIsCheckedForHailAndShownWithItsCandidates() throws Exception {
        UUID home = home(4);
        java.awt.image.BufferedImage img = HailDetectorTests.shingles(7);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(new java.awt.Color(45, 43, 40));
        g.fillOval(292, 192, 16, 16);
        g.dispose();
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", png);
        var cookie = new Fixtures(identity, jdbc).signIn(mvc, company.owner());
        String html = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .multipart("/roof/properties/" + home + "/photos")
                        .file(new org.springframework.mock.web.MockMultipartFile("photo", "ridge.png", "image/png", png.toByteArray()))
                        .param("mmPerPixel", "2").cookie(cookie)
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("1 candidate on")
                .containsPattern("<circle cx=\"(29[6-9]|30[0-4])\" cy=\"(19[6-9]|20[0-4])\"");
        var photos = roofs.photos(company.ownerActor(), home);
        assertThat(photos).singleElement().satisfies(p -> {
            assertThat(p.fileName()).isEqualTo("ridge.png");
            assertThat(p.result().candidates()).hasSize(1);
        });
        assertThat(roofs.photo(company.ownerActor(), photos.getFirst().id()).getValue()).isEqualTo(png.toByteArray());
        assertThatThrownBy(() -> roofs.addPhoto(company.ownerActor(), home, "notes.txt", "hello".getBytes(), 2))
                .hasMessageContaining("notes.txt is not a JPEG or PNG image");
        assertThatThrownBy(() -> roofs.addPhoto(company.ownerActor(), home, "ridge.png", png.toByteArray(), 0))
                .hasMessageContaining("the scale must be more than 0");
        String refused = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .multipart("/roof/properties/" + home + "/photos")
                        .file(new org.springframework.mock.web.MockMultipartFile("photo", "ridge.png", "image/png", png.toByteArray()))
                        .param("mmPerPixel", "two").cookie(cookie)
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("the scale 'two' is not a number of mm a pixel");
        assertThat(roofs.photos(company.ownerActor(), home)).hasSize(1);
    }

    @Test
    void theCompanysRulesAndPricesAreCheckedKeptAndUsed() {
        RoofRules d = RoofRules.defaults();
        java.util.Map<String, int[]> prices = new java.util.HashMap<>(d.prices());
        prices.put("architectural asphalt", new int[] {900, 800});
        assertThatThrownBy(() -> roofs.saveRules(company.ownerActor(), new RoofRules(1.5, 0.8, 9, 350, prices,
                d.lifespans()))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("replaceDamagedShare: must be more than 0% and at most 100%")
                .hasMessageContaining("regionMultiplier: must be 0.5 to 3")
                .hasMessageContaining("the price of architectural asphalt must be a low and a high");
        assertThat(roofs.rules(company.id()).price("architectural asphalt")).containsExactly(450, 700);
        prices.put("architectural asphalt", new int[] {800, 950});
        roofs.saveRules(company.ownerActor(), new RoofRules(0.3, 0.75, 1.2, 500, prices, d.lifespans()));
        assertThat(roofs.rules(company.id()).price("architectural asphalt")).containsExactly(800, 950);
        RoofAnalysis a = roofs.analyse(company.ownerActor(), home(3), null, null);
        assertThat(a.estimate().assumptions()).anyMatch(s -> s.contains("at $800-950 a square"))
                .anyMatch(s -> s.contains("regional multiplier 1.20"));
    }

    @Test
    void labelsTrainTheCompanysModelWhichThenAnswers() {
        List<UUID> homes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            UUID h = home(10 + i);
            homes.add(h);
            roofs.analyse(company.ownerActor(), h, null, null);
        }
        for (int i = 0; i < 11; i++) {
            roofs.label(company.ownerActor(), homes.get(i), "damage", i % 2 == 0 ? "damaged" : "undamaged");
        }
        assertThatThrownBy(() -> roofs.trainModel(company.ownerActor(), "damage")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("needs at least 12 labelled roofs").hasMessageContaining("damaged=6");
        // A second label on a roof replaces the first for training; the twelfth roof completes the set.
        roofs.label(company.ownerActor(), homes.get(0), "damage", "undamaged");
        roofs.label(company.ownerActor(), homes.get(11), "damage", "damaged");
        assertThat(roofs.labels(company.ownerActor(), homes.get(0))).extracting(RoofService.RoofLabel::label)
                .containsExactly("undamaged", "damaged");
        var trained = roofs.trainModel(company.ownerActor(), "damage");
        assertThat(trained.examples()).isEqualTo(12);
        assertThat(trained.labels()).isEqualTo("{damaged=6, undamaged=6}");
        assertThat(trained.accuracy()).isBetween(0.0, 1.0);
        assertThat(roofs.models(company.ownerActor())).extracting(m -> m.task()).containsExactly("damage");
        RoofAnalysis again = roofs.analyse(company.ownerActor(), homes.get(3), null, null);
        assertThat(again.classifications()).singleElement().satisfies(c -> {
            assertThat(c.task()).isEqualTo("damage");
            assertThat(c.label()).isIn("damaged", "undamaged", "unknown");
            assertThat(c.examples()).isEqualTo(12);
        });
        assertThat(roofs.labelCounts(company.ownerActor())).containsEntry("damage", 12L);
    }

    /**
     * A model supplied as ONNX is measured on the company's labelled roofs first: one that gets them right is put in
     * use and answers in later analyses under its name; one that gets them wrong is kept but not used, saying why;
     * and a model trained here afterwards is used only if it does at least as well as the supplied one in use.
     */
    @Test
    void aSuppliedOnnxModelIsUsedOnlyWhenItDoesAsWellOnTheCompanysOwnLabels(@TempDir Path dir) throws Exception {
        List<UUID> homes = new ArrayList<>();
        List<double[]> features = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            UUID h = home(40 + i);
            RoofAnalysis a = roofs.analyse(company.ownerActor(), h, null, null);
            BufferedImage img = javax.imageio.ImageIO.read(new ByteArrayInputStream(
                    imagery.content(company.id(), a.imageId()).getValue()));
            homes.add(h);
            features.add(RoofFeatures.of(img, RoofAnalyzer.mask(a.roofOutline(), img.getWidth(), img.getHeight(), 0)));
        }
        // The labels follow the one feature that splits these roofs most clearly, at least four on each side.
        int best = -1;
        double threshold = 0;
        double gap = 0;
        double bestScore = 0;
        for (int f = 0; f < RoofFeatures.NAMES.size(); f++) {
            int feature = f;
            double[] v = features.stream().mapToDouble(x -> x[feature]).sorted().toArray();
            double range = v[v.length - 1] - v[0];
            for (int cut = 4; cut <= v.length - 4 && range > 0; cut++) {
                if ((v[cut] - v[cut - 1]) / range > bestScore) {
                    bestScore = (v[cut] - v[cut - 1]) / range;
                    best = f;
                    threshold = (v[cut] + v[cut - 1]) / 2;
                    gap = v[cut] - v[cut - 1];
                }
            }
        }
        assertThat(best).as("the sandbox's roofs differ").isNotNegative();
        String feature = RoofFeatures.NAMES.get(best);
        double split = threshold;
        Path good = OnnxModels.threshold("damage", feature, threshold, 12 / gap, "damaged", "undamaged",
                dir.resolve("good.onnx"));
        Path inverse = OnnxModels.threshold("damage", feature, threshold, 12 / gap, "undamaged", "damaged",
                dir.resolve("inverse.onnx"));
        Path foreign = OnnxModels.threshold("damage", feature, threshold, 12 / gap, "damage", "no_damage",
                dir.resolve("harvey.onnx"));

        assertThatThrownBy(() -> supply(good)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("label at least 12 roofs for damage (there are 0)");
        for (int i = 0; i < homes.size(); i++) {
            roofs.label(company.ownerActor(), homes.get(i), "damage",
                    features.get(i)[best] > threshold ? "damaged" : "undamaged");
        }

        assertThatThrownBy(() -> supply(foreign)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("harvey.onnx: the labels [damage, no_damage] are not damage labels here; use "
                        + "[damaged, undamaged]");
        var inUse = supply(good);
        assertThat(inUse.inUse()).isTrue();
        assertThat(inUse.accuracy()).isEqualTo(1.0);
        assertThat(inUse.examples()).isEqualTo(14);
        assertThat(inUse.note()).startsWith("in use: 100% right on your 14 labelled roofs against ")
                .contains("for a model trained here");
        RoofAnalysis again = roofs.analyse(company.ownerActor(), homes.get(0), null, null);
        assertThat(again.classifications()).singleElement().satisfies(c -> {
            assertThat(c.model()).isEqualTo("good.onnx");
            assertThat(c.label()).isEqualTo(features.get(0)[RoofFeatures.NAMES.indexOf(feature)] > split
                    ? "damaged" : "undamaged");
            assertThat(c.probability()).isGreaterThan(0.99);
        });

        var wrong = supply(inverse);
        assertThat(wrong.inUse()).isFalse();
        assertThat(wrong.note()).isEqualTo("not used: 0% right on your 14 labelled roofs against 100% for the "
                + "supplied model good.onnx");

        var trained = roofs.trainModel(company.ownerActor(), "damage");
        List<TrainedModel> models = roofs.models(company.ownerActor());
        assertThat(models).hasSize(3).filteredOn(TrainedModel::inUse).hasSize(1);
        TrainedModel used = models.stream().filter(TrainedModel::inUse).findFirst().orElseThrow();
        if (trained.accuracy() < 1.0) {
            assertThat(used.name()).isEqualTo("good.onnx");
            assertThat(trained.note()).startsWith("not used: ").endsWith(" against 100% for the supplied model good.onnx "
                    + "on the same 14 roofs");
        } else {
            assertThat(used.kind()).isEqualTo("built-in");
        }
    }

    TrainedModel supply(Path onnx) throws java.io.IOException {
        return roofs.supplyModel(company.ownerActor(), onnx.getFileName().toString(), Files.readAllBytes(onnx),
                Files.readAllBytes(OnnxModels.description(onnx)));
    }

    /** A storm's roofs are analysed in the background, each in its own transaction, and then ranked by urgency. */
    @Test
    void aStormsRoofsAreAnalysedInTheBackground(@TempDir Path dir) throws Exception {
        List<UUID> hit = List.of(home(60), home(61), home(62));
        Path storm = Files.writeString(dir.resolve("250520_rpts_hail.csv"), "Time,Size,Location,County,State,Lat,Lon,"
                + "Comments\n1712,175,2 E NASHVILLE,DAVIDSON,TN,36.1665,-86.7207,(OHX)\n");
        signals.importFile(company.ownerActor(), dev.ridgeline.signals.ImportKind.STORMS, storm, "250520_rpts_hail.csv",
                dev.ridgeline.signals.ImportOptions.NONE);
        insight.analyse(company.id(), null);
        assertThat(roofs.homesHit(company.ownerActor(), java.time.LocalDate.of(2025, 5, 20), 1.0))
                .containsExactlyInAnyOrderElementsOf(hit);
        RoofService.Batch started = roofs.analyseStorm(company.ownerActor(), java.time.LocalDate.of(2025, 5, 20), 1.0);
        assertThat(started.total()).isEqualTo(3);
        long until = System.nanoTime() + 30_000_000_000L;
        RoofService.Batch now = started;
        while (!now.finished() && System.nanoTime() < until) {
            Thread.sleep(100);
            now = roofs.batch(company.ownerActor()).orElseThrow();
        }
        assertThat(now.finished()).isTrue();
        assertThat(now.done()).isEqualTo(3);
        assertThat(now.failed()).as("the batch's problem: %s", now.problem()).isZero();
        assertThat(roofs.ranked(company.ownerActor(), 10)).extracting(RoofService.Ranked::propertyId)
                .containsExactlyInAnyOrderElementsOf(hit);
    }

    /** A batch whose node died after its first roof is resumed from the second, and only one runs at a time. */
    @Test
    void aBatchIsResumedWhereItStoppedAndOnlyOneRunsAtATime() {
        List<UUID> homes = List.of(home(70), home(71), home(72));
        UUID batch = UUID.randomUUID();
        jdbc.sql("""
                insert into roof.batch (tenant_id, id, day, min_inches, homes, total, done, requested_by, role, started_at)
                values (:t, :id, date '2025-05-20', 1.0, :homes, 3, 1, :by, 'OWNER', now())""")
                .param("t", company.id().value()).param("id", batch).param("homes", homes.toArray(UUID[]::new))
                .param("by", company.ownerActor().userId().value()).update();
        assertThat(roofs.batch(company.ownerActor())).hasValueSatisfying(b -> assertThat(b.finished()).isFalse());
        assertThatThrownBy(() -> roofs.analyseStorm(company.ownerActor(), java.time.LocalDate.of(2025, 5, 21), 1.0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the roofs of 2025-05-20 are being analysed (1 of 3); wait for them to finish");
        roofs.runBatch(company.id(), batch);
        RoofService.Batch done = roofs.batch(company.ownerActor()).orElseThrow();
        assertThat(done.finished()).isTrue();
        assertThat(done.done()).isEqualTo(3);
        assertThat(done.failed()).isZero();
        assertThat(roofs.ranked(company.ownerActor(), 10)).extracting(RoofService.Ranked::propertyId)
                .containsExactlyInAnyOrder(homes.get(1), homes.get(2));
        // Run again (a second node picking up the same task): nothing more is done.
        roofs.runBatch(company.id(), batch);
        assertThat(roofs.ranked(company.ownerActor(), 10)).hasSize(2);
    }

    /** What was found on the roof outranks a look at the image; saying the material is a label too. */
    @Test
    void anInspectionLabelOutranksALookAndTheMaterialSaidIsALabel() {
        List<UUID> homes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            UUID h = home(80 + i);
            homes.add(h);
            roofs.analyse(company.ownerActor(), h, null, i == 0 ? "metal" : null);
            roofs.label(company.ownerActor(), h, "damage", i < 6 ? "damaged" : "undamaged");
        }
        assertThat(roofs.labels(company.ownerActor(), homes.get(0))).extracting(RoofService.RoofLabel::task,
                RoofService.RoofLabel::label, RoofService.RoofLabel::source)
                .contains(org.assertj.core.groups.Tuple.tuple("material", "metal", "image"));
        roofs.label(company.ownerActor(), homes.get(0), "damage", "undamaged", "inspection");
        roofs.label(company.ownerActor(), homes.get(0), "damage", "damaged");
        assertThat(roofs.trainModel(company.ownerActor(), "damage").labels()).isEqualTo("{damaged=5, undamaged=7}");
        assertThatThrownBy(() -> roofs.label(company.ownerActor(), homes.get(1), "damage", "damaged", "gossip"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'gossip' is not image or inspection");
    }
}

package dev.ridgeline.imagery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.ridgeline.connections.ConnectionDraft;
import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.imagery.internal.ImageRepository;
import dev.ridgeline.imagery.internal.ImageStore;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.MutableClock;
import dev.ridgeline.test.RidgelineTest;

/**
 * The free-first router with every source behind WireMock: free sources alone give both views; a failing source
 * falls back; paid images are reserved against budgets and quotas (the 101st is refused when the budget allows
 * 100, also when asked from several threads at once); alerts at 50, 80 and 100%; images a source forbids keeping
 * are dropped after their time.
 */
@RidgelineTest
class ImageryRouterIntegrationTests {

    static final WireMockServer wire = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .containerThreads(40));

    static {
        wire.start();
    }

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("ridgeline.imagery.online", () -> "true");
        registry.add("ridgeline.imagery.sandbox", () -> "false");
        registry.add("ridgeline.imagery.esri-enabled", () -> "true");
        registry.add("ridgeline.imagery.osm-tile-url", () -> wire.baseUrl() + "/osm/{z}/{x}/{y}.png");
        registry.add("ridgeline.imagery.esri-url", () -> wire.baseUrl() + "/esri/World_Imagery/MapServer");
        registry.add("ridgeline.imagery.naip-url", () -> wire.baseUrl() + "/naip/ImageServer");
        registry.add("ridgeline.imagery.mapillary-url", () -> wire.baseUrl() + "/mapillary");
        registry.add("ridgeline.imagery.google-url", () -> wire.baseUrl() + "/google");
        registry.add("ridgeline.imagery.timeout", () -> "3s");
        registry.add("ridgeline.imagery.rates.google-streetview", () -> "1000");
        registry.add("ridgeline.imagery.rates.esri", () -> "1000");
    }

    @AfterAll
    static void stop() {
        wire.stop();
    }

    @Autowired
    ImageryService imagery;

    @Autowired
    ConnectionsService connections;

    @Autowired
    IdentityService identity;

    @Autowired
    ImageRepository images;

    @Autowired
    ImageStore store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    Fixtures.Company company;

    @BeforeEach
    void setUp() {
        wire.resetAll();
        company = new Fixtures(identity, jdbc).company(Fixtures.unique("Imagery Roofing"));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A located home with a 16 x 10 m footprint, somewhere in Nashville. */
    UUID home(int n) {
        double lat = 36.10 + (n % 100) * 0.0007;
        double lon = -86.80 + (n / 100) * 0.0009 + (company.id().value().hashCode() % 1000) * 1e-6;
        return new Fixtures(identity, jdbc).homeWithFootprint(company, (100 + n) + " Elm St", lat, lon);
    }

    void connectMapillary() {
        connections.create(company.ownerActor(), new ConnectionDraft(ConnectionType.IMAGERY, "mapillary", "Mapillary",
                Map.of(), Map.of("accessToken", "MLY|1|abc")));
    }

    void connectGoogle() {
        connections.create(company.ownerActor(), new ConnectionDraft(ConnectionType.IMAGERY, "google-maps", "Google",
                Map.of(), Map.of("apiKey", "AIza-test")));
    }

    void stubEsri(int status) {
        wire.stubFor(get(urlMatching("/esri/.*")).willReturn(status == 200
                ? aResponse().withStatus(200).withHeader("Content-Type", "image/jpeg").withBody(TestImagery.png(256, 256))
                : aResponse().withStatus(status)));
    }

    void stubNaip() {
        long flown = LocalDate.of(2023, 6, 2).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        wire.stubFor(get(urlPathEqualTo("/naip/ImageServer/query")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"features\":[{\"attributes\":{\"OBJECTID\":7,\"AcquisitionDate\":" + flown + "}}]}")));
        wire.stubFor(get(urlPathEqualTo("/naip/ImageServer/exportImage")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withBody(TestImagery.png(267, 267))));
    }

    void stubGoogleStreetView() {
        wire.stubFor(get(urlPathEqualTo("/google/maps/api/streetview/metadata")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"date\":\"2024-06\",\"location\":{\"lat\":36.1,\"lng\":-86.8},\"pano_id\":\"P\",\"status\":\"OK\",\"copyright\":\"© Google\"}")));
        wire.stubFor(get(urlPathEqualTo("/google/maps/api/streetview")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withBody(TestImagery.png(640, 400))));
    }

    BigDecimal spent() {
        return jdbc.sql("select coalesce(sum(cost_usd), 0) from imagery.ledger where tenant_id = :t")
                .param("t", company.id().value()).query(BigDecimal.class).single();
    }

    @Test
    void withEveryPaidSourceOffAHomeStillGetsBothViewsFromFreeSources() {
        connectMapillary();
        stubEsri(200);
        double[] at = {36.10, -86.80};
        wire.stubFor(get(urlPathEqualTo("/mapillary/images")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(String.format(Locale.ROOT, """
                        {"data":[{"id":"m1","captured_at":1719000000000,"compass_angle":0,"is_pano":true,
                          "computed_geometry":{"type":"Point","coordinates":[%f,%f]},"thumb_1024_url":"%s/cdn/m1.jpg"}]}""",
                        at[1], at[0] - 0.0002, wire.baseUrl()))));
        wire.stubFor(get(urlPathEqualTo("/cdn/m1.jpg")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withBody(TestImagery.png(1024, 768))));
        UUID home = home(0);
        var aerial = imagery.image(company.ownerActor(), home, Purpose.ROOF_CROP, null, null);
        var street = imagery.image(company.ownerActor(), home, Purpose.STREET_VIEW, null, null);
        assertThat(aerial.image()).get().extracting(StoredImage::source).isEqualTo("esri");
        assertThat(street.image()).get().extracting(StoredImage::source).isEqualTo("mapillary");
        assertThat(street.image().get().attribution()).contains("Mapillary");
        assertThat(street.image().get().capturedOn()).isNotNull();
        assertThat(imagery.sources(company.id())).filteredOn(ImageryService.SourceInfo::paid)
                .allMatch(s -> !s.configured());
        assertThat(spent()).isEqualByComparingTo("0");
        assertThat(jdbc.sql("select sum(units) from imagery.ledger where tenant_id = :t and source = 'esri'")
                .param("t", company.id().value()).query(Long.class).single()).isPositive();
        // A second look is served from the store: no new call.
        int calls = wire.getAllServeEvents().size();
        assertThat(imagery.image(company.ownerActor(), home, Purpose.ROOF_CROP, null, null).cached()).isTrue();
        assertThat(imagery.image(company.ownerActor(), home, Purpose.STREET_VIEW, null, null).cached()).isTrue();
        assertThat(wire.getAllServeEvents()).hasSize(calls);
        assertThat(imagery.content(company.ownerActor(), aerial.image().get().id()).getValue()).isNotEmpty();
    }

    @Test
    void aFailingSourceFallsBackToTheNextAndRests() {
        stubEsri(500);
        stubNaip();
        var first = imagery.image(company.ownerActor(), home(1), Purpose.ROOF_CROP, null, null);
        assertThat(first.image()).get().extracting(StoredImage::source).isEqualTo("naip");
        assertThat(first.image().get().capturedOn()).isEqualTo(LocalDate.of(2023, 6, 2));
        assertThat(first.notes()).anyMatch(n -> n.contains("Esri World Imagery did not answer"));
        int esriCalls = wire.findAll(getRequestedFor(urlMatching("/esri/.*"))).size();
        var second = imagery.image(company.ownerActor(), home(2), Purpose.ROOF_CROP, null, null);
        assertThat(second.image()).get().extracting(StoredImage::source).isEqualTo("naip");
        assertThat(second.notes()).anyMatch(n -> n.contains("resting"));
        assertThat(wire.findAll(getRequestedFor(urlMatching("/esri/.*")))).hasSize(esriCalls);
    }

    @Test
    void theHundredAndFirstPaidImageIsRefusedWhenTheBudgetAllowsAHundred() {
        connectGoogle();
        stubGoogleStreetView();
        imagery.setBudget(company.ownerActor(), "google-streetview", new BigDecimal("0.70"), null);
        List<UUID> homes = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            homes.add(home(i));
        }
        for (int i = 0; i < 100; i++) {
            assertThat(imagery.image(company.ownerActor(), homes.get(i), Purpose.STREET_VIEW, null, null).image())
                    .as("paid image %d", i + 1).get().extracting(StoredImage::source).isEqualTo("google-streetview");
        }
        var refused = imagery.image(company.ownerActor(), homes.get(100), Purpose.STREET_VIEW, null, null);
        assertThat(refused.image()).isEmpty();
        assertThat(refused.notes()).anyMatch(n -> n.contains("monthly budget of $0.70 for Google Street View Static is used up"));
        assertThat(wire.findAll(getRequestedFor(urlPathEqualTo("/google/maps/api/streetview")))).hasSize(100);
        assertThat(spent()).isEqualByComparingTo("0.700");
        // Alerts at 50, 80 and 100% of that budget, once each, and the owner is emailed about each.
        assertThat(jdbc.sql("select threshold from imagery.budget_alert where tenant_id = :t and scope = 'google-streetview' order by 1")
                .param("t", company.id().value()).query(Integer.class).list()).containsExactly(50, 80, 100);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.sql("""
                select subject from outreach.message where tenant_id = :t and purpose = 'NOTIFICATION' order by subject""")
                .param("t", company.id().value()).query(String.class).list())
                .anyMatch(s -> s.startsWith("Imagery: 100% of your budget for Google Street View Static"))
                .anyMatch(s -> s.startsWith("Imagery: 50%")).anyMatch(s -> s.startsWith("Imagery: 80%")));
        // The free metadata calls are in the ledger too, at $0; the refused one asked nothing at all.
        assertThat(jdbc.sql("select count(*) from imagery.ledger where tenant_id = :t and product = 'streetview-metadata' and cost_usd = 0")
                .param("t", company.id().value()).query(Long.class).single()).isEqualTo(100);
        assertThat(wire.findAll(getRequestedFor(urlPathEqualTo("/google/maps/api/streetview/metadata")))).hasSize(100);
    }

    @Test
    void manyThreadsAtOnceCannotSpendPastTheBudget() throws Exception {
        connectGoogle();
        stubGoogleStreetView();
        imagery.setBudget(company.ownerActor(), "google-streetview", new BigDecimal("0.105"), null);
        List<UUID> homes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            homes.add(home(200 + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> got = new ArrayList<>();
        for (UUID h : homes) {
            got.add(pool.submit(() -> imagery.image(company.ownerActor(), h, Purpose.STREET_VIEW, null, null).image().isPresent()));
        }
        long made = 0;
        for (Future<Boolean> f : got) {
            made += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(made).isEqualTo(15);
        assertThat(spent()).isEqualByComparingTo("0.105");
    }

    @Test
    void aDailyQuotaStopsPaidImagesForTheDay() {
        connectGoogle();
        stubGoogleStreetView();
        imagery.setBudget(company.ownerActor(), "google-streetview", null, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(imagery.image(company.ownerActor(), home(300 + i), Purpose.STREET_VIEW, null, null).image()).isPresent();
        }
        var refused = imagery.image(company.ownerActor(), home(303), Purpose.STREET_VIEW, null, null);
        assertThat(refused.image()).isEmpty();
        assertThat(refused.notes()).anyMatch(n -> n.contains("daily quota of 3 paid images"));
        clock.advance(Duration.ofDays(1));
        assertThat(imagery.image(company.ownerActor(), home(304), Purpose.STREET_VIEW, null, null).image()).isPresent();
    }

    @Test
    void imagesASourceForbidsKeepingAreDroppedAfterTheirTimeAndPublicDomainIsKept() {
        connectGoogle();
        stubGoogleStreetView();
        stubEsri(404);
        stubNaip();
        UUID h = home(400);
        StoredImage google = imagery.image(company.ownerActor(), h, Purpose.STREET_VIEW, null, null).image().orElseThrow();
        StoredImage naip = imagery.image(company.ownerActor(), h, Purpose.ROOF_CROP, null, null).image().orElseThrow();
        assertThat(google.expiresAt()).isNotNull();
        assertThat(naip.expiresAt()).isNull();
        clock.advance(Duration.ofDays(31));
        List<String> unreferenced = images.dropExpired(clock.instant());
        unreferenced.forEach(store::delete);
        assertThat(jdbc.sql("select source from imagery.image where tenant_id = :t").param("t", company.id().value())
                .query(String.class).list()).containsExactly("naip");
        assertThat(store.get(naip.contentHash())).isPresent();
        if (unreferenced.contains(google.contentHash())) {
            assertThat(store.get(google.contentHash())).isEmpty();
        }
    }

    @Test
    void beforeAndAfterAStorm() {
        long before = LocalDate.of(2023, 6, 2).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long after = LocalDate.of(2024, 6, 20).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        stubEsri(200);
        wire.stubFor(get(urlPathEqualTo("/naip/ImageServer/query")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"features\":[{\"attributes\":{\"OBJECTID\":7,"
                        + "\"AcquisitionDate\":" + before + "}},{\"attributes\":{\"OBJECTID\":8,\"AcquisitionDate\":" + after + "}}]}")));
        wire.stubFor(get(urlPathEqualTo("/naip/ImageServer/exportImage")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withBody(TestImagery.png(267, 267))));
        var pair = imagery.beforeAfter(company.ownerActor(), home(500), LocalDate.of(2024, 4, 26)).orElseThrow();
        assertThat(pair.purpose()).isEqualTo(Purpose.ROOF_CROP);
        assertThat(pair.before().capturedOn()).isEqualTo(LocalDate.of(2023, 6, 2));
        assertThat(pair.after().capturedOn()).isEqualTo(LocalDate.of(2024, 6, 20));
        assertThat(pair.before().source()).isEqualTo("naip");
    }
}

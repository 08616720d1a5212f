package dev.ridgeline.property.geocoding;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.ridgeline.connections.ConnectionDraft;
import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.connections.UsageLedger;
import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.property.Geocoding;
import dev.ridgeline.property.Property;
import dev.ridgeline.property.PropertyService;
import dev.ridgeline.signals.ImportKind;
import dev.ridgeline.signals.ImportOptions;
import dev.ridgeline.signals.SignalsService;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.RidgelineTest;

/**
 * The geocoders against WireMock stubs shaped like the documented answers (reference/PROVIDERS.md 8.3, 9.2, 9.3),
 * and the router's free-first order, cache, usage ledger and budget.
 */
@RidgelineTest
class GeocodingContractTests {

    static final WireMockServer wire = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        wire.start();
    }

    @DynamicPropertySource
    static void geocoders(DynamicPropertyRegistry registry) {
        registry.add("ridgeline.geocoding.online", () -> "true");
        registry.add("ridgeline.geocoding.census-url", wire::baseUrl);
        registry.add("ridgeline.geocoding.nominatim-url", wire::baseUrl);
        registry.add("ridgeline.geocoding.google-url", wire::baseUrl);
        registry.add("ridgeline.geocoding.contact-email", () -> "ops@ridgeline.test");
        registry.add("ridgeline.geocoding.timeout", () -> "3s");
        registry.add("ridgeline.geocoding.google-per-minute", () -> "2");
    }

    @AfterAll
    static void stop() {
        wire.stop();
    }

    @Autowired
    Geocoding geocoding;

    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;

    @Autowired
    UsageLedger usage;

    @Autowired
    ConnectionsService connections;

    @Autowired
    SignalsService signals;

    @Autowired
    PropertyService properties;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    Fixtures.Company company;

    @BeforeEach
    void setUp() {
        wire.resetAll();
        company = new Fixtures(identity, jdbc).company(Fixtures.unique("Geo Roofing"));
    }

    @Test
    void censusAnswersFirstAndTheAnswerIsCachedAndCounted() {
        wire.stubFor(get(urlPathEqualTo("/geocoder/locations/onelineaddress"))
                .withQueryParam("address", equalTo("1412 Elm Hill Pike, Nashville, TN 37210"))
                .withQueryParam("benchmark", equalTo("Public_AR_Current")).withQueryParam("format", equalTo("json"))
                .willReturn(okJson("""
                        {"result":{"input":{"address":{"address":"1412 Elm Hill Pike, Nashville, TN 37210"},
                          "benchmark":{"benchmarkName":"Public_AR_Current"}},
                         "addressMatches":[{"tigerLine":{"side":"L","tigerLineId":"57634502"},
                           "coordinates":{"x":-86.72521,"y":36.14372},
                           "addressComponents":{"zip":"37210","streetName":"ELM HILL","suffixType":"PIKE"},
                           "matchedAddress":"1412 ELM HILL PIKE, NASHVILLE, TN, 37210"}]}}""")));
        var request = new GeocodeRequest("a", "1412 Elm Hill Pike", "Nashville", "TN", "37210");
        Geocode g = geocoding.geocode(company.id(), request).orElseThrow();
        assertThat(g.provider()).isEqualTo("census");
        assertThat(g.accuracy()).isEqualTo(Geocode.Accuracy.INTERPOLATED);
        assertThat(g.latitude()).isEqualTo(36.14372);
        assertThat(g.longitude()).isEqualTo(-86.72521);
        assertThat(g.matched()).isEqualTo("1412 ELM HILL PIKE, NASHVILLE, TN, 37210");

        var again = geocoding.geocode(company.id(), new GeocodeRequest("b", "1412 ELM HILL PIKE.", null, null, "37210"));
        assertThat(again).contains(g);
        wire.verify(1, getRequestedFor(urlPathEqualTo("/geocoder/locations/onelineaddress")));
        assertThat(usage.month(company.id(), thisMonth())).singleElement().satisfies(u -> {
            assertThat(u.provider()).isEqualTo("census");
            assertThat(u.calls()).isEqualTo(1);
            assertThat(u.costUsd()).isEqualByComparingTo("0");
        });
    }

    @Test
    void anImportedListIsLocatedByOneCensusBatchAndNeverByNominatim() throws Exception {
        Path list = Files.writeString(dir.resolve("owners.csv"), """
                owner_name,address,city,state,zip
                Ann Able,12 Elm St,Nashville,TN,37206
                Ben Baker,14 Elm St,Nashville,TN,37206
                """);
        // The import starts locating in the background (nothing answers yet); the batch answer names the
        // properties by id, so the stub is written once they exist.
        signals.importFile(company.ownerActor(), ImportKind.CONTACTS, list, "owners.csv", ImportOptions.NONE);
        List<Property> all = properties.search(company.ownerActor(), null, 10);
        Property ann = all.stream().filter(p -> p.address().startsWith("12")).findFirst().orElseThrow();
        Property ben = all.stream().filter(p -> p.address().startsWith("14")).findFirst().orElseThrow();
        wire.stubFor(post(urlPathEqualTo("/geocoder/locations/addressbatch"))
                .withMultipartRequestBody(com.github.tomakehurst.wiremock.client.WireMock.aMultipart()
                        .withName("benchmark").withBody(equalTo("Public_AR_Current")))
                .willReturn(aResponse()
                .withHeader("Content-Type", "text/csv").withBody(
                        "\"" + ann.id() + "\",\"12 Elm St, Nashville, TN, 37206\",\"Match\",\"Exact\","
                                + "\"12 ELM ST, NASHVILLE, TN, 37206\",\"-86.7301,36.1802\",\"123\",\"L\"\n"
                                + "\"" + ben.id() + "\",\"14 Elm St, Nashville, TN, 37206\",\"No_Match\"\n")));
        geocoding.locateAll(company.id(), 100);
        wire.verify(com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly(1),
                postRequestedFor(urlPathEqualTo("/geocoder/locations/addressbatch"))
                        .withAnyRequestBodyPart(com.github.tomakehurst.wiremock.client.WireMock.aMultipart()
                                .withName("addressFile").withBody(containing(ann.id() + ",12 Elm St,Nashville,TN,37206"))));
        wire.verify(0, getRequestedFor(urlPathEqualTo("/search")));
        Property located = properties.get(company.ownerActor(), ann.id());
        assertThat(located.latitude()).isEqualTo(36.1802);
        assertThat(located.locationSource()).isEqualTo("GEOCODER:census:INTERPOLATED");
        assertThat(properties.get(company.ownerActor(), ben.id()).located())
                .as("a ZIP centroid does not put a home on the map").isFalse();
    }

    @Test
    void nominatimIsAskedForOneAddressWithARealUserAgentAtMostOnceASecond() {
        wire.stubFor(get(urlPathEqualTo("/geocoder/locations/onelineaddress"))
                .willReturn(okJson("{\"result\":{\"addressMatches\":[]}}")));
        wire.stubFor(get(urlPathEqualTo("/search")).withQueryParam("format", equalTo("jsonv2"))
                .withQueryParam("countrycodes", equalTo("us")).withQueryParam("email", equalTo("ops@ridgeline.test"))
                .withHeader("User-Agent", matching("Ridgeline/\\S+ \\(\\+http\\S+; ops@ridgeline.test\\)"))
                .willReturn(okJson("""
                        [{"place_id":1,"licence":"Data © OpenStreetMap contributors, ODbL 1.0.","osm_type":"way",
                          "osm_id":51279029,"lat":"33.7489700","lon":"-84.3495030","category":"building","type":"house",
                          "addresstype":"building","importance":0.1,"display_name":"163, Moreland Avenue Southeast, Atlanta",
                          "address":{"house_number":"163","road":"Moreland Avenue Southeast","postcode":"30316"}}]""")));
        long t0 = System.nanoTime();
        Geocode first = geocoding.geocode(company.id(), new GeocodeRequest("x", "163 Moreland Ave SE", "Atlanta", "GA", "30316"))
                .orElseThrow();
        Geocode second = geocoding.geocode(company.id(), new GeocodeRequest("y", "165 Moreland Ave SE", "Atlanta", "GA", "30316"))
                .orElseThrow();
        assertThat(System.nanoTime() - t0).as("two Nominatim requests are a second apart").isGreaterThanOrEqualTo(1_000_000_000L);
        assertThat(first.provider()).isEqualTo("nominatim");
        assertThat(first.accuracy()).isEqualTo(Geocode.Accuracy.ROOFTOP);
        assertThat(first.latitude()).isEqualTo(33.74897);
        assertThat(second.provider()).isEqualTo("nominatim");
        wire.verify(2, getRequestedFor(urlPathEqualTo("/search")));
    }

    @Test
    void googleIsPaidLastSignedAndStopsAtTheBudget() {
        wire.stubFor(get(urlPathEqualTo("/geocoder/locations/onelineaddress"))
                .willReturn(okJson("{\"result\":{\"addressMatches\":[]}}")));
        wire.stubFor(get(urlPathEqualTo("/search")).willReturn(okJson("[]")));
        wire.stubFor(get(urlPathEqualTo("/maps/api/geocode/json")).withQueryParam("key", equalTo("AIza-test"))
                .withQueryParam("components", equalTo("country:US")).withQueryParam("signature", matching("[A-Za-z0-9_=-]{28}"))
                .willReturn(okJson("""
                        {"results":[{"formatted_address":"9 Oak Ln, Franklin, TN 37064, USA",
                          "geometry":{"location":{"lat":35.9251,"lng":-86.8689},"location_type":"ROOFTOP",
                            "viewport":{"northeast":{"lat":35.93,"lng":-86.86},"southwest":{"lat":35.92,"lng":-86.87}}},
                          "place_id":"ChIJ-test","types":["street_address"]}],"status":"OK"}""")));
        connections.create(company.ownerActor(), new ConnectionDraft(ConnectionType.GEOCODING, "google", "Google",
                Map.of("monthlyBudgetUsd", "0.01"), Map.of("apiKey", "AIza-test", "signingSecret", "c2VjcmV0LWtleQ==")));

        Geocode g = geocoding.geocode(company.id(), new GeocodeRequest("g", "9 Oak Ln", "Franklin", "TN", "37064"))
                .orElseThrow();
        assertThat(g.provider()).isEqualTo("google");
        assertThat(g.accuracy()).isEqualTo(Geocode.Accuracy.ROOFTOP);
        wire.verify(1, getRequestedFor(urlPathEqualTo("/geocoder/locations/onelineaddress")));
        wire.verify(1, getRequestedFor(urlPathEqualTo("/search")));
        assertThat(usage.spentThisMonth(company.id(), "google")).isEqualByComparingTo(new BigDecimal("0.005"));

        geocoding.geocode(company.id(), new GeocodeRequest("h", "11 Oak Ln", "Franklin", "TN", "37064"));
        assertThat(usage.spentThisMonth(company.id(), "google")).as("the second call reaches the 1-cent budget")
                .isEqualByComparingTo(new BigDecimal("0.010"));
        var third = geocoding.geocode(company.id(), new GeocodeRequest("i", "13 Oak Ln", "Franklin", "TN", "37064"));
        wire.verify(2, getRequestedFor(urlPathEqualTo("/maps/api/geocode/json")));
        assertThat(third).get().satisfies(x -> assertThat(x.accuracy()).isEqualTo(Geocode.Accuracy.APPROXIMATE));
    }

    @Test
    void googleIsNeverAskedFasterThanItsPerMinuteLimitAndWhatItCouldNotAnswerIsAskedAgain() {
        wire.stubFor(get(urlPathEqualTo("/geocoder/locations/onelineaddress"))
                .willReturn(okJson("{\"result\":{\"addressMatches\":[]}}")));
        wire.stubFor(get(urlPathEqualTo("/search")).willReturn(okJson("[]")));
        wire.stubFor(get(urlPathEqualTo("/maps/api/geocode/json")).willReturn(okJson("""
                {"results":[{"formatted_address":"1 Elm St","geometry":{"location":{"lat":36.1,"lng":-86.7},
                  "location_type":"ROOFTOP"}}],"status":"OK"}""")));
        connections.create(company.ownerActor(), new ConnectionDraft(ConnectionType.GEOCODING, "google", "Google",
                Map.of("monthlyBudgetUsd", "100"), Map.of("apiKey", "AIza-rate")));
        for (String n : List.of("1", "3", "5")) {
            geocoding.geocode(company.id(), new GeocodeRequest(n, n + " Elm St", "Nashville", "TN", "37206"));
        }
        wire.verify(2, getRequestedFor(urlPathEqualTo("/maps/api/geocode/json")));
        assertThat(jdbc.sql("select count(*) from property.geocode_cache where tenant_id = :t and provider = 'gazetteer'")
                .param("t", company.id().value()).query(Long.class).single())
                .as("the third address fell back to its ZIP but is not remembered as unfindable").isZero();
    }

    @Test
    void whenEverySourceFailsTheZipCentroidIsGivenAndNothingIsCached() {
        wire.stubFor(get(urlPathEqualTo("/geocoder/locations/onelineaddress")).willReturn(aResponse().withStatus(503)));
        wire.stubFor(get(urlPathEqualTo("/search")).willReturn(aResponse().withStatus(429)));
        var r = new GeocodeRequest("z", "77 Nowhere Rd", null, null, "37206");
        Geocode g = geocoding.geocode(company.id(), r).orElseThrow();
        assertThat(g.accuracy()).isEqualTo(Geocode.Accuracy.APPROXIMATE);
        assertThat(g.matched()).contains("ZIP 37206 centroid");
        assertThat(jdbc.sql("select count(*) from property.geocode_cache where tenant_id = :t")
                .param("t", company.id().value()).query(Long.class).single()).isZero();
    }

    @Test
    void findOnTheMapLocatesOnePropertyFromItsPage() throws Exception {
        Path list = Files.writeString(dir.resolve("one.csv"), "owner_name,address,city,state,zip\nCy Cole,9 Oak Ln,Franklin,TN,37064\n");
        wire.stubFor(get(urlPathEqualTo("/geocoder/locations/onelineaddress"))
                .withQueryParam("address", equalTo("9 Oak Ln, Franklin, TN 37064"))
                .willReturn(okJson("{\"result\":{\"addressMatches\":[{\"coordinates\":{\"x\":-86.8689,\"y\":35.9251},"
                        + "\"matchedAddress\":\"9 OAK LN, FRANKLIN, TN, 37064\"}]}}")));
        signals.importFile(company.ownerActor(), ImportKind.CONTACTS, list, "one.csv", ImportOptions.NONE);
        Property p = properties.search(company.ownerActor(), "9 Oak Ln", 1).getFirst();
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/properties/" + p.id() + "/locate")
                        .cookie(new Fixtures(identity, jdbc).signIn(mvc, company.owner()))
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().is3xxRedirection());
        Property located = properties.get(company.ownerActor(), p.id());
        assertThat(located.latitude()).isEqualTo(35.9251);
        assertThat(located.locationSource()).isEqualTo("GEOCODER:census:INTERPOLATED");
    }

    @Test
    void googleSignaturesFollowTheDocumentedAlgorithm() {
        // Google's own worked example (developers.google.com "Digital signature" guide): this secret and URL.
        assertThat(GoogleGeocodingClient.sign("/maps/api/geocode/json?address=New+York&client=clientID",
                "vNIXE0xscrmjlyV-12Nj_BvUPaw=")).isEqualTo("chaRF2hTJKOScPr-RQCEhZbSzIE=");
    }

    private static YearMonth thisMonth() {
        return YearMonth.now(ZoneOffset.UTC);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }
}

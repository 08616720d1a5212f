package dev.ridgeline.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.platform.GeoPoint;
import dev.ridgeline.signals.ImportKind;
import dev.ridgeline.signals.ImportOptions;
import dev.ridgeline.signals.ImportStatus;
import dev.ridgeline.signals.ImportSummary;
import dev.ridgeline.signals.RowProblem;
import dev.ridgeline.signals.SignalsService;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.RidgelineTest;

/**
 * Footprints and contact lists in, the property graph out: properties by normalised address, buildings linked by
 * address or containment, contacts with E.164 phones, time zones and the consent ledger; every bad row reported.
 */
@RidgelineTest
class PropertyGraphIntegrationTests {

    static final Path DEMO = Path.of("src/main/resources/demo");

    @Autowired
    SignalsService signals;

    @Autowired
    PropertyService properties;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;

    @TempDir
    Path dir;

    Fixtures.Company company;

    @BeforeEach
    void setUp() {
        company = new Fixtures(identity, jdbc).company(Fixtures.unique("Graph Roofing"));
    }

    @Test
    void osmFootprintsBecomeBuildingsWithPropertiesAndARerunChangesNothing() {
        ImportSummary s = load(ImportKind.FOOTPRINTS, DEMO.resolve("reynoldstown_houses.geojson"));
        assertThat(s.status()).isEqualTo(ImportStatus.DONE);
        assertThat(s.read()).isEqualTo(1137);
        assertThat(s.stored() + s.rejected()).isEqualTo(1137);
        assertThat(s.rejected()).isLessThan(5);

        Property house = only(properties.search(company.ownerActor(), "163 Moreland Avenue Southeast", 5));
        assertThat(house.addressKey()).isEqualTo("163 MORELAND AVE SE");
        assertThat(house.postalCode()).isEqualTo("30316");
        assertThat(house.locationSource()).isEqualTo("FOOTPRINT");
        PropertyDetails d = properties.details(company.ownerActor(), house.id());
        Building b = only(d.buildings());
        assertThat(b.source()).isEqualTo("OSM");
        assertThat(b.sourceId()).isEqualTo("way/51279029");
        assertThat(b.linkMethod()).isEqualTo("ADDRESS");
        // The way is about 18.6 m by 10.4 m: 193 m², 2,080 ft².
        assertThat(b.areaM2()).isCloseTo(193, within(4.0));
        assertThat(b.areaFt2()).isCloseTo(b.areaM2() * 10.7639, within(0.01));
        assertThat(b.centroidLat()).isBetween(33.74892, 33.74902);
        assertThat(house.latitude()).isEqualTo(b.centroidLat());

        ImportSummary again = load(ImportKind.FOOTPRINTS, DEMO.resolve("reynoldstown_houses.geojson"));
        assertThat(again.stored()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.unchanged()).isEqualTo(s.stored());
    }

    @Test
    void contactsJoinTheFootprintPropertiesWithE164PhonesTimeZonesAndConsent() {
        load(ImportKind.FOOTPRINTS, DEMO.resolve("reynoldstown_houses.geojson"));
        long before = properties.count(company.ownerActor());
        ImportSummary s = load(ImportKind.CONTACTS, DEMO.resolve("contacts_fictitious.csv"));
        assertThat(s.errors()).isEmpty();
        assertThat(s.stored()).isEqualTo(240);
        assertThat(properties.count(company.ownerActor())).as("every contact's address is a footprint's").isEqualTo(before);

        Property home = only(properties.search(company.ownerActor(), "1032 Manigault St SE", 5));
        Contact c = only(properties.details(company.ownerActor(), home.id()).contacts());
        assertThat(c.fullName()).isEqualTo("Avery Inventa");
        assertThat(c.phones()).extracting(ContactPoint::value).containsExactly("+14705550101");
        assertThat(c.emails()).extracting(ContactPoint::value).containsExactly("avery.inventa1@example.com");
        assertThat(c.timeZone()).isEqualTo("America/New_York");
        assertThat(c.timeZoneSource()).isEqualTo("ZIP");
        assertThat(c.consent(ConsentChannel.EMAIL)).get().satisfies(e -> {
            assertThat(e.granted()).isTrue();
            assertThat(e.kind()).isEqualTo(ConsentKind.IMPORTED_WITH_PROOF);
            assertThat(e.source()).contains("inspection sign-up");
        });
        assertThat(c.consent(ConsentChannel.SMS)).get().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ConsentKind.EXPRESS_WRITTEN);
            // 10:40 in Atlanta (EDT, UTC-4) on 23 April.
            assertThat(e.givenAt()).isEqualTo(java.time.Instant.parse("2026-04-23T14:40:00Z"));
        });
        assertThat(only(properties.search(company.ownerActor(), "164 Chester Ave SE", 5)).yearBuilt()).isEqualTo(2004);

        ImportSummary again = load(ImportKind.CONTACTS, DEMO.resolve("contacts_fictitious.csv"));
        assertThat(again.stored()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.unchanged()).isEqualTo(240);
    }

    @Test
    void everyBadContactRowIsReportedWithItsLineAndColumnAndTheGoodRowsAreKept() throws Exception {
        Path f = write("contacts.csv", """
                Owner Name,Address,City,State,ZIP,Phone,Email,SMS Consent,SMS Consent Source,SMS Consent At,Latitude,Longitude
                Ann Good,12 Elm Street,Nashville,TN,37206,615-555-0142,ann@example.com,express written,web form,2026-03-02 09:15,,
                Bob Badphone,14 Elm St,Nashville,TN,37206,555-1,,,,,,
                Cy Bademail,16 Elm St,Nashville,TN,37206,,cy@@example,,,,,
                Di Nosource,18 Elm St,Nashville,TN,37206,615-555-0143,,yes,,2026-03-02,,
                Ed Future,20 Elm St,Nashville,TN,37206,615-555-0144,,yes,web form,2031-01-01,,
                Flo Badzip,22 Elm St,Nashville,TN,3720,,,,,,,
                Gus Zeroes,24 Elm St,Nashville,TN,37206,,,,,,0,0
                Ann Good,12 Elm St.,Nashville,TN,37206,,,,,,,
                ,26 Elm St,Nashville,TN,37206,,,,,,,
                Hal Ragged,28 Elm St
                Ivy Nozip,30 Elm St,Nashville,TN,,(615) 555-0145,,,,,,
                Jo Consent,32 Elm St,Nashville,TN,37206,,,maybe,web,2026-01-01,,
                Kim Offplanet,34 Elm St,Nashville,TN,37206,,,,,,95,-86
                """);
        ImportSummary s = load(ImportKind.CONTACTS, f);
        assertThat(s.read()).isEqualTo(13);
        assertThat(s.stored()).isEqualTo(2);
        assertThat(s.rejected()).isEqualTo(11);
        assertThat(s.errors()).extracting(RowProblem::line, RowProblem::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3L, "Phone"), org.assertj.core.groups.Tuple.tuple(4L, "Email"),
                org.assertj.core.groups.Tuple.tuple(5L, "SMS Consent Source"),
                org.assertj.core.groups.Tuple.tuple(6L, "SMS Consent At"), org.assertj.core.groups.Tuple.tuple(7L, "ZIP"),
                org.assertj.core.groups.Tuple.tuple(8L, "Latitude"), org.assertj.core.groups.Tuple.tuple(9L, null),
                org.assertj.core.groups.Tuple.tuple(10L, "Owner Name"), org.assertj.core.groups.Tuple.tuple(11L, null),
                org.assertj.core.groups.Tuple.tuple(13L, "SMS Consent"),
                org.assertj.core.groups.Tuple.tuple(14L, "Latitude"));
        assertThat(s.errors().get(6).reason()).isEqualTo("duplicate of line 2 (same person at the same address)");
        assertThat(s.errors().get(3).reason()).contains("future");

        Contact ann = only(properties.details(company.ownerActor(),
                only(properties.search(company.ownerActor(), "12 Elm St", 5)).id()).contacts());
        assertThat(ann.consent(ConsentChannel.SMS)).get().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ConsentKind.EXPRESS_WRITTEN);
            // 09:15 in Nashville (CST, UTC-6) on 2 March.
            assertThat(e.givenAt()).isEqualTo(java.time.Instant.parse("2026-03-02T15:15:00Z"));
        });
        Contact ivy = only(properties.details(company.ownerActor(),
                only(properties.search(company.ownerActor(), "30 Elm St", 5)).id()).contacts());
        assertThat(ivy.timeZone()).as("no ZIP: the area code 615 says Central").isEqualTo("America/Chicago");
        assertThat(ivy.timeZoneSource()).isEqualTo("AREA_CODE");
    }

    @Test
    void aHouseSpeltTwoWaysIsOnePropertyAndABuildingWithoutAddressIsLinkedByContainment() throws Exception {
        Path footprints = write("shed-and-house.geojson", """
                {"type":"FeatureCollection","features":[
                {"type":"Feature","id":"way/1","properties":{"building":"house"},"geometry":{"type":"Polygon",
                 "coordinates":[[[-86.70010,36.10010],[-86.69990,36.10010],[-86.69990,36.09990],[-86.70010,36.09990],[-86.70010,36.10010]]]}},
                {"type":"Feature","id":"way/2","properties":{"building":"house","addr:housenumber":"500","addr:street":"Oak Lane","addr:postcode":"37211"},
                 "geometry":{"type":"Polygon","coordinates":[[[-86.71010,36.10010],[-86.70990,36.10010],[-86.70990,36.09990],[-86.71010,36.09990],[-86.71010,36.10010]]]}}
                ]}""");
        assertThat(load(ImportKind.FOOTPRINTS, footprints).stored()).isEqualTo(2);
        Path contacts = write("people.csv", """
                name,address,zip,lat,lon
                Lee Inside,77 Birch Road,37211,36.10001,-86.70002
                Mo Oak,500 Oak Ln.,37211,,
                Ny Nearby,500 Oak Lane North,,36.10002,-86.71001
                """);
        ImportSummary s = load(ImportKind.CONTACTS, contacts);
        assertThat(s.stored()).isEqualTo(3);

        Property birch = only(properties.search(company.ownerActor(), "77 Birch Rd", 5));
        Building shed = only(properties.details(company.ownerActor(), birch.id()).buildings());
        assertThat(shed.sourceId()).isEqualTo("way/1");
        assertThat(shed.linkMethod()).isEqualTo("CONTAINMENT");

        Property oak = only(properties.search(company.ownerActor(), "500 Oak Ln", 5));
        assertThat(properties.details(company.ownerActor(), oak.id()).contacts())
                .as("the abbreviated spelling and the nearby same-number record are the same house")
                .extracting(Contact::fullName).containsExactlyInAnyOrder("Mo Oak", "Ny Nearby");
    }

    @Test
    void radiusSearchFindsExactlyThePropertiesInsideTheCircleNearestFirst() {
        load(ImportKind.FOOTPRINTS, DEMO.resolve("reynoldstown_houses.geojson"));
        GeoPoint centre = new GeoPoint(33.7480, -84.3500);
        List<NearbyProperty> near = properties.within(company.ownerActor(), centre, 0.25, 100_000);
        List<GeoPoint> all = jdbc.sql("select latitude, longitude from property.property where tenant_id = :t "
                + "and latitude is not null").param("t", company.id().value())
                .query((rs, n) -> new GeoPoint(rs.getDouble(1), rs.getDouble(2))).list();
        assertThat(all).hasSizeGreaterThan(1000);
        long expected = all.stream().filter(p -> centre.distanceMiles(p) <= 0.25).count();
        assertThat(near).hasSize((int) expected).isNotEmpty();
        assertThat(near).isSortedAccordingTo(java.util.Comparator.comparingDouble(NearbyProperty::miles));
        assertThat(near.getLast().miles()).isLessThanOrEqualTo(0.25);
    }

    @Test
    void theMapsHomesLayerAnswersForTheViewOnceZoomedIn() throws Exception {
        load(ImportKind.FOOTPRINTS, DEMO.resolve("reynoldstown_houses.geojson"));
        var cookie = new Fixtures(identity, jdbc).signIn(mvc, company.owner());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/map/properties.geojson")
                        .param("bbox", "-84.3520,33.7470,-84.3480,33.7500").cookie(cookie)
                        .accept("application/json, application/geo+json"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.features.length()")
                        .value(org.hamcrest.Matchers.greaterThan(20)));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/map/properties.geojson")
                        .param("bbox", "-85,33,-84,34").cookie(cookie).accept("application/json, application/geo+json"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isBadRequest());
    }

    @Test
    void brokenAndForeignGeoJsonIsReportedNotSwallowed() throws Exception {
        Path truncated = write("cut.geojson", """
                {"type":"FeatureCollection","features":[
                {"type":"Feature","id":"way/9","properties":{},"geometry":{"type":"Polygon",
                 "coordinates":[[[-86.7001,36.1001],[-86.6999,36.1001],[-86.6999,36.0999],[-86.7001,36.0999],[-86.7001,36.1001]]]}},
                {"type":"Feature","id":"way/10","properties":{},"geometry":{"type":"Point","coordinates":[-86.7,36.1]}},
                {"type":"Feature","id":"way/11","properties":{},"geometry":{"type":"Polygon","coordinates":[[[-86.7,36.1],[-86.6,36.1],[-86.6,36.0]]]}},
                {"type":"Feature","id":"way/12","properties":{},"geometry":{"type":"Polygon","coordinates":[[[-86.7001,36.1001],[-86.6999,36.1001],[-86.6999""");
        ImportSummary s = load(ImportKind.FOOTPRINTS, truncated);
        assertThat(s.status()).isEqualTo(ImportStatus.DONE);
        assertThat(s.stored()).isEqualTo(1);
        assertThat(s.errors()).extracting(RowProblem::line).containsExactly(2L, 3L, 4L);
        assertThat(s.errors().get(0).reason()).contains("Point is not a building outline");
        assertThat(s.errors().get(1).reason()).contains("at least 4 positions");
        assertThat(s.errors().get(2).reason()).startsWith("the JSON is broken at line");

        ImportSummary csv = load(ImportKind.FOOTPRINTS, DEMO.resolve("130519_rpts_torn.csv"));
        assertThat(csv.status()).isEqualTo(ImportStatus.FAILED);
        assertThat(csv.errors().getFirst().reason()).contains("JSON");
    }

    @Test
    void microsoftLineDelimitedFootprintsWithoutIdsAreKeptByTheirShape() throws Exception {
        Path f = write("ms.geojsonl", """
                {"type":"Feature","properties":{"height":-1,"confidence":0.93},"geometry":{"type":"Polygon","coordinates":[[[-86.8001,36.2001],[-86.7999,36.2001],[-86.7999,36.1999],[-86.8001,36.1999],[-86.8001,36.2001]]]}}
                {"type":"Feature","properties":{"height":-1,"confidence":0.88},"geometry":{"type":"Polygon","coordinates":[[[-86.8101,36.2001],[-86.8099,36.2001],[-86.8099,36.1999],[-86.8101,36.1999],[-86.8101,36.2001]]]}}
                {"type":"Feature","properties":{"height":-1,"confidence":0.88},"geometry":{"type":"Polygon","coordinates":[[[-86.8101,36.2001],[-86.8099,36.2001],[-86.8099,36.1999],[-86.8101,36.1999],[-86.8101,36.2001]]]}}
                """);
        ImportSummary s = load(ImportKind.FOOTPRINTS, f);
        assertThat(s.stored()).isEqualTo(2);
        assertThat(s.errors()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.reason()).isEqualTo("duplicate of feature 2");
        });
        assertThat(jdbc.sql("select count(*) from property.building where tenant_id = :t and source = 'MICROSOFT' "
                + "and source_id like 'sha256:%'").param("t", company.id().value()).query(Long.class).single()).isEqualTo(2);
        assertThat(load(ImportKind.FOOTPRINTS, f).stored()).isZero();
    }

    private ImportSummary load(ImportKind kind, Path file) {
        return signals.importFile(company.ownerActor(), kind, file, file.getFileName().toString(), ImportOptions.NONE);
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static <T> T only(List<T> list) {
        assertThat(list).hasSize(1);
        return list.getFirst();
    }
}

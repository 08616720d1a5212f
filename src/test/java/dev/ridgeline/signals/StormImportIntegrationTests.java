package dev.ridgeline.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import dev.ridgeline.identity.ApiKeyScope;
import dev.ridgeline.identity.ApiKeyService;
import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.platform.Role;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.RidgelineTest;

/** SPC storm reports in: every row stored or reported, idempotent, through the service, the upload page and the API. */
@RidgelineTest
class StormImportIntegrationTests {

    static final Path SPC = Path.of("src/test/resources/data/spc");
    /** The demo region ships a real SPC day; the tests read it from there. */
    static final Path DEMO = Path.of("src/main/resources/demo");

    @Autowired
    MockMvc mvc;

    @Autowired
    SignalsService signals;

    @Autowired
    IdentityService identity;

    @Autowired
    ApiKeyService keys;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    Fixtures fixtures;
    Fixtures.Company company;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(identity, jdbc);
        company = fixtures.company("Storm Roofing");
    }

    @Test
    void importsARealSpcDayAndARerunChangesNothing() {
        ImportSummary hail = importFile("130519_rpts_hail.csv");
        assertThat(hail.fileRead()).isTrue();
        assertThat(hail.read()).isEqualTo(196);
        assertThat(hail.stored() + hail.rejected()).isEqualTo(196);
        assertThat(hail.rejected()).isZero();
        ImportSummary wind = importFile("130519_rpts_wind.csv");
        ImportSummary torn = importFile("130519_rpts_torn.csv");
        assertThat(wind.stored()).isEqualTo(297 - wind.rejected());
        assertThat(torn.stored()).isEqualTo(29 - torn.rejected());

        ImportSummary again = importFile("130519_rpts_hail.csv");
        assertThat(again.read()).isEqualTo(196);
        assertThat(again.stored()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.unchanged()).isEqualTo(196);
        assertThat(count()).isEqualTo(hail.stored() + wind.stored() + torn.stored());

        var day = signals.stormDays(company.ownerActor(), 5).getFirst();
        assertThat(day.date()).isEqualTo(LocalDate.of(2013, 5, 19));
        assertThat(day.hail()).isEqualTo(hail.stored());
        var largest = signals.storms(company.ownerActor(), day.date(), day.date(), StormKind.HAIL, 500).stream()
                .map(StormReport::magnitude).max(java.math.BigDecimal::compareTo).orElseThrow();
        assertThat(day.largestHailInches()).isEqualByComparingTo(largest);
    }

    @Test
    void importsTheCombinedThreeSectionFile() {
        ImportSummary s = importFile("240426_rpts.csv");
        assertThat(s.read()).isEqualTo(149 + 43 + 79);
        assertThat(s.stored() + s.rejected()).isEqualTo(s.read());
        var kinds = jdbc.sql("select kind, count(*) from signals.storm_report where tenant_id = :t group by kind order by kind")
                .param("t", company.id().value()).query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2)).list();
        assertThat(kinds).hasSize(3);
        // The Elkhorn NE tornado of 26 April 2024 is there, at the next UTC day when its time is before 12Z.
        assertThat(signals.storms(company.ownerActor(), LocalDate.of(2024, 4, 26), LocalDate.of(2024, 4, 26),
                StormKind.TORNADO, 500)).anyMatch(r -> "NE".equals(r.state()) && "Douglas".equalsIgnoreCase(r.county()));
    }

    @Test
    void aChangedRowIsUpdatedAndBadRowsAreReportedWhileGoodOnesAreKept() throws Exception {
        Path first = write("130601_rpts_hail.csv", """
                Time,Size,Location,County,State,Lat,Lon,Comments
                1605,175,4 NE NEWNAN,COWETA,GA,33.42,-84.75,GOLF BALL HAIL (FFC)
                1700,100,2 S TOWN,COUNTY,TX,32.10,-97.20,(FWD)
                """);
        assertThat(signals.importStorms(company.ownerActor(), first, "130601_rpts_hail.csv", null).stored()).isEqualTo(2);
        Path second = write("130601_rpts_hail.csv", """
                Time,Size,Location,County,State,Lat,Lon,Comments
                1605,175,4 NE NEWNAN,COWETA,GA,33.42,-84.75,GOLF BALL HAIL. ROOFS DENTED (FFC)
                1700,100,2 S TOWN,COUNTY,TX,32.10,-97.20,(FWD)
                1710,abc,X,Y,TX,32,-97,
                1720,125,X,Y,TX,95,-97,
                "1730,125,X,Y,TX,32,-97,never closed
                """);
        ImportSummary s = signals.importStorms(company.ownerActor(), second, "130601_rpts_hail.csv", null);
        assertThat(s.read()).isEqualTo(5);
        assertThat(s.updated()).isEqualTo(1);
        assertThat(s.unchanged()).isEqualTo(1);
        assertThat(s.rejected()).isEqualTo(3);
        assertThat(s.errors()).containsExactly(
                new RowProblem(4, "Size", "'abc' is not a hail size in hundredths of an inch"),
                new RowProblem(5, "Lat", "latitude 95.0 is outside -90..90"),
                new RowProblem(6, null, "a quote opened on line 6 is never closed"));
    }

    @Test
    void duplicateRowsInOneFileAreReportedAgainstTheFirst() throws Exception {
        Path f = write("130602_rpts_hail.csv", """
                Time,Size,Location,County,State,Lat,Lon,Comments
                1605,175,A,B,GA,33.42,-84.75,(FFC)
                1605,175,A,B,GA,33.42,-84.75,(FFC) again
                """);
        ImportSummary s = signals.importStorms(company.ownerActor(), f, "130602_rpts_hail.csv", null);
        assertThat(s.stored()).isEqualTo(1);
        assertThat(s.errors()).containsExactly(new RowProblem(3, null, "duplicate of line 2"));
    }

    @Test
    void latin1AndBomFilesImport() throws Exception {
        Path latin = dir.resolve("130603_rpts_hail.csv");
        Files.write(latin, ("Time,Size,Location,County,State,Lat,Lon,Comments\n"
                + "1605,100,CAÑON CITY,FREMONT,CO,38.44,-105.24,HAIL (PUB)\n").getBytes(Charset.forName("windows-1252")));
        assertThat(signals.importStorms(company.ownerActor(), latin, latin.getFileName().toString(), null).stored()).isEqualTo(1);
        assertThat(signals.storms(company.ownerActor(), LocalDate.of(2013, 6, 3), LocalDate.of(2013, 6, 3), null, 10)
                .getFirst().location()).isEqualTo("CAÑON CITY");
        Path bom = dir.resolve("130604_rpts_hail.csv");
        byte[] text = "Time,Size,Location,County,State,Lat,Lon,Comments\n1605,100,A,B,CO,38.4,-105.2,(PUB)\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        Files.write(bom, withBom);
        assertThat(signals.importStorms(company.ownerActor(), bom, bom.getFileName().toString(), null).stored()).isEqualTo(1);
    }

    @Test
    void filesThatCannotBeImportedFailWithAReasonAndStoreNothing() throws Exception {
        ImportSummary empty = signals.importStorms(company.ownerActor(), write("130605_rpts_hail.csv", ""),
                "130605_rpts_hail.csv", null);
        assertThat(empty.status()).isEqualTo(ImportStatus.FAILED);
        assertThat(empty.errors()).containsExactly(new RowProblem(0, null, "the file is empty"));

        ImportSummary permits = signals.importStorms(company.ownerActor(),
                write("130606_rpts.csv", "Permit #,Type,Address\n123,Roof,1 Main St\n"), "130606_rpts.csv", null);
        assertThat(permits.status()).isEqualTo(ImportStatus.FAILED);
        assertThat(permits.errors().getFirst().reason()).startsWith("this is not an SPC storm report file");

        ImportSummary undated = signals.importStorms(company.ownerActor(), DEMO.resolve("130519_rpts_torn.csv"),
                "tornadoes.csv", null);
        assertThat(undated.errors().getFirst().reason()).startsWith("cannot tell the report date");
        assertThat(count()).isZero();

        ImportSummary dated = signals.importStorms(company.ownerActor(), DEMO.resolve("130519_rpts_torn.csv"),
                "tornadoes.csv", LocalDate.of(2013, 5, 19));
        assertThat(dated.fileRead()).isTrue();
    }

    @Test
    void uploadPageImportsInTheBackgroundAndOffersTheProblemsAsCsv() throws Exception {
        var session = fixtures.signIn(mvc, company.owner());
        var file = new MockMultipartFile("file", "130607_rpts_hail.csv", "text/csv",
                "Time,Size,Location,County,State,Lat,Lon,Comments\n1605,175,A,B,GA,33.4,-84.7,(FFC)\n1606,xx,A,B,GA,33.4,-84.7,\n"
                        .getBytes(StandardCharsets.UTF_8));
        String location = mvc.perform(multipart("/imports").file(file).cookie(session).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        UUID id = UUID.fromString(location.substring("/imports/".length()));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> signals.getImport(company.ownerActor(), id).status() != ImportStatus.RUNNING);
        mvc.perform(get(location).cookie(session)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("'xx' is not a hail size")));
        mvc.perform(get(location + "/problems.csv").cookie(session)).andExpect(status().isOk())
                .andExpect(content().string("file,line,column,reason\n\"130607_rpts_hail.csv\",3,\"Size\","
                        + "\"'xx' is not a hail size in hundredths of an inch\"\n"));
        mvc.perform(get("/map/storms.geojson").param("date", "2013-06-07").cookie(session))
                .andExpect(jsonPath("$.features.length()").value(1))
                .andExpect(jsonPath("$.features[0].properties.headline").value("1.75 in hail"));
    }

    @Test
    void theApiImportsARequestBodyAndListsReports() throws Exception {
        String token = keys.create(company.ownerActor(), "storms", ApiKeyScope.WRITE).token();
        mvc.perform(post("/api/v1/imports/storms").param("fileName", "130519_rpts_torn.csv")
                        .header("Authorization", "Bearer " + token).contentType("text/csv")
                        .content(Files.readAllBytes(DEMO.resolve("130519_rpts_torn.csv"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DONE"))
                .andExpect(jsonPath("$.read").value(29));
        mvc.perform(get("/api/v1/storm-reports").param("from", "2013-05-19").param("to", "2013-05-19")
                        .header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(29))
                .andExpect(jsonPath("$[0].kind").value("TORNADO"));
        mvc.perform(get("/api/v1/storm-reports").param("from", "2013-05-20").param("to", "2013-05-19")
                        .header("Authorization", "Bearer " + token))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.to").exists());
    }

    @Test
    void stormEventsDetailsBecomeReportsOnTheirConvectiveDayAndOtherEventsAreReported() {
        Path f = Path.of("src/test/resources/data/stormevents/StormEvents_details-ftp_v1.0_d2023_sample.csv");
        ImportSummary s = signals.importStorms(company.ownerActor(), f, f.getFileName().toString(), null);
        assertThat(s.read()).isEqualTo(7);
        assertThat(s.stored()).isEqualTo(3);
        assertThat(s.errors()).extracting(RowProblem::line, RowProblem::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple(5L, "EVENT_TYPE"), org.assertj.core.groups.Tuple.tuple(6L, "BEGIN_LAT"),
                org.assertj.core.groups.Tuple.tuple(7L, "CZ_TIMEZONE"), org.assertj.core.groups.Tuple.tuple(8L, "MAGNITUDE"));
        assertThat(s.errors().getFirst().reason()).contains("'Flash Flood' event is not hail, wind or a tornado");

        List<StormReport> reports = signals.storms(company.ownerActor(), LocalDate.of(2023, 4, 4), LocalDate.of(2023, 4, 5),
                null, 100);
        assertThat(reports).extracting(StormReport::source).containsOnly("NCEI");
        StormReport hail = reports.stream().filter(r -> r.kind() == StormKind.HAIL).findFirst().orElseThrow();
        // 17:45 CST (UTC-6, no daylight time in Storm Events) is 23:45 UTC.
        assertThat(hail.occurredAt()).isEqualTo(java.time.Instant.parse("2023-04-05T23:45:00Z"));
        assertThat(hail.magnitude()).isEqualByComparingTo("1.75");
        assertThat(hail.state()).isEqualTo("TN");
        assertThat(hail.location()).isEqualTo("2 NE DONELSON");
        assertThat(hail.wfo()).isEqualTo("OHX");
        StormReport wind = reports.stream().filter(r -> r.kind() == StormKind.WIND).findFirst().orElseThrow();
        // 01:30 CST on 5 April is 07:30 UTC: before 12Z, so it belongs to the convective day of 4 April.
        assertThat(wind.reportDate()).isEqualTo(LocalDate.of(2023, 4, 4));
        assertThat(wind.magnitudeText()).isEqualTo("52 EG");

        ImportSummary again = signals.importStorms(company.ownerActor(), f, f.getFileName().toString(), null);
        assertThat(again.stored()).isZero();
        assertThat(again.unchanged()).isEqualTo(3);
    }

    @Test
    void nexradHailTilesAreStoredPerDayAndTile() throws Exception {
        Path f = Path.of("src/test/resources/data/nexrad/swdi_nx3hail_tiles_20110101.csv");
        ImportSummary s = signals.importStorms(company.ownerActor(), f, f.getFileName().toString(), null);
        assertThat(s.read()).isEqualTo(300);
        assertThat(s.stored()).isEqualTo(300);
        var tiles = signals.hailTiles(company.ownerActor(), LocalDate.of(2011, 1, 1), LocalDate.of(2011, 1, 1), 1000);
        assertThat(tiles).hasSize(300);
        assertThat(tiles).anySatisfy(t -> {
            assertThat(t.latitude()).isEqualTo(34.0);
            assertThat(t.longitude()).isEqualTo(-87.1);
            assertThat(t.detections()).isEqualTo(8);
        });
        Path bad = write("tiles.csv", "ZDAY,CENTERLON,CENTERLAT,TOTAL_COUNT\n20110132,-87.1,34,8\n20110102,-87.1,134,8\n"
                + "20110102,-87.1,34,0\n20110102,-87.1,34,x\n20110102,-87.1,34,3\n20110102,-87.1,34,4\n");
        ImportSummary b = signals.importStorms(company.ownerActor(), bad, "tiles.csv", null);
        assertThat(b.stored()).isEqualTo(1);
        assertThat(b.errors()).extracting(RowProblem::line).containsExactly(2L, 3L, 4L, 5L, 7L);
        assertThat(b.errors().getLast().reason()).isEqualTo("duplicate of line 6");
    }

    @Test
    void repsCannotImport() throws Exception {
        var rep = fixtures.user(company, Role.REP, "Reese Rep");
        mvc.perform(get("/imports").cookie(fixtures.signIn(mvc, rep))).andExpect(status().isForbidden());
    }

    private ImportSummary importFile(String name) {
        Path file = Files.exists(SPC.resolve(name)) ? SPC.resolve(name) : DEMO.resolve(name);
        return signals.importStorms(company.ownerActor(), file, name, null);
    }

    private Path write(String name, String content) throws Exception {
        Path sub = Files.createTempDirectory(dir, "f");
        return Files.writeString(sub.resolve(name), content);
    }

    private long count() {
        return jdbc.sql("select count(*) from signals.storm_report where tenant_id = :t").param("t", company.id().value())
                .query(Long.class).single();
    }
}

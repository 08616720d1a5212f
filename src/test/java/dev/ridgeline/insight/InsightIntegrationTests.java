package dev.ridgeline.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.property.Property;
import dev.ridgeline.property.PropertyService;
import dev.ridgeline.signals.ImportKind;
import dev.ridgeline.signals.ImportOptions;
import dev.ridgeline.signals.ImportSummary;
import dev.ridgeline.signals.SignalsService;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.RidgelineTest;

/** The shipped storm and permit data in, named real outcomes out. */
@RidgelineTest
class InsightIntegrationTests {

    static final Path DEMO = Path.of("src/main/resources/demo");
    /** Latitude degrees of one statute mile. */
    static final double MILE = 1 / (3958.7613 * Math.PI / 180);

    @Autowired
    SignalsService signals;

    @Autowired
    PropertyService properties;

    @Autowired
    InsightService insight;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    Fixtures.Company company;

    @BeforeEach
    void setUp() {
        company = new Fixtures(identity, jdbc).company(Fixtures.unique("Insight Roofing"));
    }

    @Test
    void homesNearTheLargestHailOfTheDayRankAboveHomesTwentyMilesAway() throws Exception {
        for (String f : List.of("130519_rpts_hail.csv", "130519_rpts_wind.csv", "130519_rpts_torn.csv")) {
            load(ImportKind.STORMS, DEMO.resolve(f));
        }
        // The largest hail of 2013-05-19 in SPC's reports: 3.00 in, "NW CARBON", Iowa, 41.07 N 94.83 W.
        load(ImportKind.CONTACTS, write("homes.csv", """
                name,address,city,state,zip,lat,lon
                Near Owner,1 Near Rd,Carbon,IA,50839,%s,-94.83
                Far Owner,2 Far Rd,Carbon,IA,50839,%s,-94.83
                """.formatted(41.07 + 0.5 * MILE, 41.07 + 20 * MILE)));

        AnalysisPass pass = insight.analyse(company.id(), LocalDate.of(2013, 5, 21));
        assertThat(pass.homes()).isEqualTo(2);
        assertThat(pass.written()).isEqualTo(2);

        ScoredHomes ranked = insight.ranked(company.ownerActor(), HomeQuery.top(10));
        assertThat(ranked.homes()).extracting(HomeScore::address).containsExactly("1 Near Rd", "2 Far Rd");
        HomeScore near = ranked.homes().getFirst();
        HomeScore far = ranked.homes().getLast();
        // 40 x (3.00 - 0.5) / 1.5 capped at 1 x (1 - 0.5 / 3) x 1 = 33.3 points of hail, 2 days before the as-of day
        assertThat(near.factors().getFirst().kind()).isEqualTo(FactorKind.HAIL);
        assertThat(near.factors().getFirst().points()).isEqualTo(33);
        assertThat(near.explanation()).startsWith("3.00 in hail 0.5 mi away, 2 days ago (2013-05-19)");
        assertThat(near.score()).isGreaterThanOrEqualTo(33);
        assertThat(far.factors()).extracting(ScoreFactor::kind).doesNotContain(FactorKind.HAIL);
        assertThat(far.score()).isLessThan(near.score());

        // A second pass over unchanged data writes nothing.
        assertThat(insight.analyse(company.id(), LocalDate.of(2013, 5, 21)).written()).isZero();

        // Market timing: the ZIP's latest hail of an inch or more, the claim window left (365 days by default,
        // then Iowa set to 180), the homes hit and worth working.
        insight.pinAsOf(company.id(), LocalDate.of(2013, 5, 21));
        AreaTiming carbon = insight.workNow(company.ownerActor()).getFirst();
        assertThat(carbon.zip()).isEqualTo("50839");
        assertThat(carbon.state()).isEqualTo("IA");
        assertThat(carbon.stormDay()).isEqualTo(LocalDate.of(2013, 5, 19));
        assertThat(carbon.daysSinceStorm()).isEqualTo(2);
        assertThat(carbon.claimWindowDays()).isEqualTo(365);
        assertThat(carbon.daysLeft()).isEqualTo(363);
        assertThat(carbon.homesHit()).isEqualTo(1);
        assertThat(carbon.homesWorthWorking()).isEqualTo(1);
        assertThat(carbon.workNow()).isCloseTo(363 / 365.0, within(1e-9));
        insight.setClaimWindow(company.ownerActor(), "ia", 180);
        assertThat(insight.workNow(company.ownerActor()).getFirst().claimDeadline()).isEqualTo(LocalDate.of(2013, 11, 15));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> insight.setClaimWindow(company.ownerActor(), "Iowa", 90))
                .hasMessageContaining("two-letter");
    }

    @Test
    void aHomeThatMeetsARuleIsAHotLeadOnceAndItsRecipientIsTold() throws Exception {
        // Every company starts with one rule, score 60 and up; it adds its own: hail of 2 in or more within a week,
        // told to the owner by email.
        assertThat(insight.hotRules(company.ownerActor())).extracting(HotRule::name).containsExactly("Score 60 and up");
        HotRule bigHail = insight.saveHotRule(company.ownerActor(), new HotRule(java.util.UUID.randomUUID(),
                "Big hail this week", 30, 2.0, 7, null, false, company.owner().id(), "EMAIL", true));
        assertThat(insight.hotRules(company.ownerActor())).extracting(HotRule::name)
                .containsExactlyInAnyOrder("Score 60 and up", "Big hail this week");
        for (String f : List.of("130519_rpts_hail.csv", "130519_rpts_wind.csv")) {
            load(ImportKind.STORMS, DEMO.resolve(f));
        }
        load(ImportKind.CONTACTS, write("homes.csv", """
                name,address,city,state,zip,lat,lon
                Near Owner,1 Near Rd,Carbon,IA,50839,%s,-94.83
                Far Owner,2 Far Rd,Carbon,IA,50839,%s,-94.83
                """.formatted(41.07 + 0.5 * MILE, 41.07 + 20 * MILE)));

        AnalysisPass first = insight.analyse(company.id(), LocalDate.of(2013, 5, 21));
        // 3.00 in hail 0.5 mi away gives 33 points: the big-hail rule fires, the score-60 rule does not.
        assertThat(first.hotLeads()).isEqualTo(1);
        List<HotAlert> hot = insight.hotLeads(company.ownerActor(), 10);
        assertThat(hot).singleElement().satisfies(a -> {
            assertThat(a.address()).isEqualTo("1 Near Rd");
            assertThat(a.ruleName()).isEqualTo("Big hail this week");
            assertThat(a.reasons()).startsWith("3.00 in hail 0.5 mi away");
        });
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.sql("""
                select count(*) from outreach.message where tenant_id = :t and to_address = :to and subject like 'Hot lead:%'""")
                .param("t", company.id().value()).param("to", company.owner().email()).query(Long.class).single())
                .isEqualTo(1));

        // The same storm, analysed again (and a day later), alerts nobody twice.
        assertThat(insight.analyse(company.id(), LocalDate.of(2013, 5, 22)).hotLeads()).isZero();
        assertThat(insight.hotLeads(company.ownerActor(), 10)).hasSize(1);

        // Rules are checked: telling someone outside the company is refused with the field that is wrong.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> insight.saveHotRule(company.ownerActor(),
                new HotRule(java.util.UUID.randomUUID(), "Texts", 50, null, null, null, false,
                        new dev.ridgeline.platform.UserId(java.util.UUID.randomUUID()), "SMS", true)))
                .isInstanceOf(dev.ridgeline.platform.InvalidInputException.class)
                .hasMessageContaining("not a user of this company");
        insight.deleteHotRule(company.ownerActor(), bigHail.id());
        assertThat(insight.hotLeads(company.ownerActor(), 10)).isEmpty();
    }

    @Autowired
    dev.ridgeline.leads.LeadsService leads;

    @Test
    void aReroofingWaveFormingMakesItsNextDoorHomesHotByItself() throws Exception {
        insight.pinAsOf(company.id(), LocalDate.of(2024, 6, 30));
        HotRule waves = insight.saveHotRule(company.ownerActor(), new HotRule(java.util.UUID.randomUUID(),
                "Re-roofing waves", 5, null, null, null, true, null, null, true));
        load(ImportKind.CONTACTS, write("next-door.csv", """
                name,address,city,state,zip,lat,lon
                Next Door,500 Wave St,Nashville,TN,37206,%s,-86.75
                """.formatted(36.17 + 0.2 * MILE)));
        // Six re-roofs within 0.125 mi of each other this spring (Nashville layout), the home 0.075 mi beyond them.
        StringBuilder csv = new StringBuilder("Permit__,Permit_Type_Description,Permit_Subtype_Description,Parcel,"
                + "Date_Entered,Date_Issued,Const_Cost,Address,City,State,Subdivision_Lot,Contact,Per_Ty,Per_SubTy,"
                + "IVR_Trk_,Purpose,Council_Dist,Lon,Lat,ObjectId,ZIP\n");
        for (int i = 0; i < 6; i++) {
            long day = LocalDate.of(2024, 4, 1 + i * 5).atStartOfDay(java.time.ZoneId.of("America/Chicago")).toInstant()
                    .toEpochMilli();
            csv.append("W").append(i).append(",Building Residential - Roofing / Siding,Single Family Residence,,")
                    .append(day).append(",,9000,").append(400 + i).append(" WAVE ST,NASHVILLE,TN,,RIDGETOP ROOFING,CARA,")
                    .append("CAA01R301,,Remove and replace shingles,5,-86.75,").append(36.17 + i * 0.025 * MILE)
                    .append(',').append(i).append(",37206\n");
        }
        load(ImportKind.PERMITS, write("wave.csv", csv.toString()));
        // The permit import adds its addresses as homes, then a full pass finds the wave and the rule fires.
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(insight.hotLeads(company.ownerActor(), 10)).extracting(HotAlert::address)
                        .contains("500 Wave St"));
        HotAlert alert = insight.hotLeads(company.ownerActor(), 10).stream()
                .filter(a -> a.address().equals("500 Wave St")).findFirst().orElseThrow();
        assertThat(alert.ruleId()).isEqualTo(waves.id());
        assertThat(alert.reasons()).contains("inside a re-roofing wave of 6 permits since 2024-04-01");
        assertThat(insight.waves(company.ownerActor())).singleElement().satisfies(w -> {
            assertThat(w.permits()).isEqualTo(6);
            assertThat(w.topContractors()).containsEntry("RIDGETOP ROOFING", 6);
        });
    }

    @Test
    void wonAndLostLeadsTrainTheCompanysOwnModel() throws Exception {
        insight.pinAsOf(company.id(), LocalDate.of(2013, 5, 21));
        load(ImportKind.STORMS, DEMO.resolve("130519_rpts_hail.csv"));
        // 20 homes within 2 miles of the 3.00 in hail at Carbon, Iowa, and 20 homes 20 to 25 miles north of it.
        StringBuilder csv = new StringBuilder("name,address,city,state,zip,lat,lon\n");
        for (int i = 0; i < 40; i++) {
            double miles = i < 20 ? 0.1 * (i + 1) : 20 + 0.25 * (i - 20);
            csv.append("Owner ").append(i).append(',').append(100 + i).append(" Test Rd,Carbon,IA,50839,")
                    .append(41.07 + miles * MILE).append(",-94.83\n");
        }
        load(ImportKind.CONTACTS, write("forty.csv", csv.toString()));
        AnalysisPass prior = insight.analyse(company.id(), null);
        assertThat(prior.homes()).isEqualTo(40);
        // Leads started from every home; near the hail 16 of 20 signed, far from it 4 of 20.
        List<HomeScore> homes = insight.ranked(company.ownerActor(), HomeQuery.top(100)).homes();
        assertThat(homes).hasSize(40).allSatisfy(h -> assertThat(h.model()).isEqualTo("prior-1"));
        for (HomeScore h : homes) {
            int n = Integer.parseInt(h.address().substring(0, 3)) - 100;
            boolean won = n < 20 ? n % 5 != 0 : n % 5 == 0;
            var lead = leads.createForHome(company.ownerActor(), new dev.ridgeline.leads.NewLead(h.address(), null, null,
                    null, null, null, null, null, null), h.propertyId());
            leads.moveTo(company.ownerActor(), lead.id(), won ? dev.ridgeline.leads.LeadStage.SIGNED
                    : dev.ridgeline.leads.LeadStage.LOST);
        }
        assertThat(leads.outcomes(company.id())).hasSize(40);
        assertThat(insight.scoringModel(company.ownerActor())).satisfies(m -> {
            assertThat(m.learned()).isFalse();
            assertThat(m.outcomes()).isEqualTo(40);
        });

        // Deciding leads schedules a rescoring of the company (a minute later); run it now.
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql(
                "select count(*) from platform.scheduled_tasks where task_name = 'insight-rescore' and task_instance like :t")
                .param("t", company.id().value() + "-%").query(Integer.class).single()).isBetween(1, 2));
        // An export that fails part way (a full disk) fails the pass: nothing is stored.
        int[] taken = {0};
        assertThatThrownBy(() -> insight.rescore(company.id(), s -> {
            if (++taken[0] == 10) {
                throw new java.io.UncheckedIOException(new java.io.IOException("No space left on device"));
            }
        })).hasMessageContaining("No space left on device");
        assertThat(insight.ranked(company.ownerActor(), HomeQuery.top(100)).homes())
                .allSatisfy(h -> assertThat(h.model()).isEqualTo("prior-1"));

        // The pass hands out every home with its new score and explanation, best first, from the one read.
        List<HomeScore> explained = new java.util.ArrayList<>();
        AnalysisPass rescored = insight.rescore(company.id(), explained::add);
        List<HomeScore> stored = new java.util.ArrayList<>();
        insight.forEachScore(company.id(), stored::add);
        assertThat(explained).hasSize(40).isEqualTo(stored);
        assertThat(explained).extracting(HomeScore::model).containsOnly("learned-40");
        // The CSV form: lines made on the explaining workers, written in the same order as the stored export.
        var exported = new java.io.ByteArrayOutputStream();
        insight.rescore(company.id(), exported);
        StringBuilder expected = new StringBuilder(ScoreCsv.HEADER);
        insight.forEachScore(company.id(), h -> expected.append(ScoreCsv.line(h)));
        assertThat(exported.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(expected.toString())
                .contains("101 Test Rd");
        assertThat(rescored.kind()).isEqualTo("RESCORE");
        assertThat(rescored.homes()).isEqualTo(40);
        assertThat(rescored.written()).as("a new model changes every score").isEqualTo(40);
        HomeScore near = insight.ranked(company.ownerActor(), new HomeQuery(null, null, null, "101 Test Rd", false,
                "score", 0, 1)).homes().getFirst();
        HomeScore far = insight.ranked(company.ownerActor(), new HomeQuery(null, null, null, "139 Test Rd", false,
                "score", 0, 1)).homes().getFirst();
        assertThat(near.model()).isEqualTo("learned-40");
        assertThat(near.score()).isGreaterThan(50).isGreaterThan(far.score());
        assertThat(far.score()).isLessThan(50);
        assertThat(near.factors().getFirst().kind()).isEqualTo(FactorKind.HAIL);
        assertThat(near.explanation()).startsWith("3.00 in hail");
        ScoringModel learned = insight.scoringModel(company.ownerActor());
        assertThat(learned.learned()).isTrue();
        assertThat(learned.name()).isEqualTo("learned-40");
        assertThat(learned.won()).isEqualTo(20);
        // Near the hail 16 of 20 won, far from it 4 of 20: a perfect near-or-far ranking has an AUC of 0.80, and
        // these figures are out of fold (on leads each fold's model had not seen), so a little less.
        assertThat(learned.auc()).isBetween(0.65, 0.9);
        assertThat(learned.brier()).isLessThan(0.25);
        assertThat(learned.method()).isEqualTo("logistic regression");
        assertThat(learned.folds()).isEqualTo(5);
        assertThat(learned.rival()).as("40 outcomes are too few for boosted trees").isNull();
        // A full pass after it finds nothing new to write: the same model, the same features, the same scores.
        AnalysisPass again = insight.analyse(company.id(), null);
        assertThat(again.written()).isZero();
        assertThat(insight.score(company.ownerActor(), near.propertyId()).score()).isEqualTo(near.score());
    }

    @Test
    void aHomeownerWhoBooksAnInspectionScoresHigherAtOnceAndCanMakeTheLeadHot() throws Exception {
        insight.pinAsOf(company.id(), LocalDate.of(2013, 5, 21));
        load(ImportKind.STORMS, DEMO.resolve("130519_rpts_hail.csv"));
        load(ImportKind.CONTACTS, write("homes.csv", """
                name,address,city,state,zip,lat,lon
                Near Owner,1 Near Rd,Carbon,IA,50839,%s,-94.83
                Web Owner,3 Web Rd,Carbon,IA,50839,%s,-94.83
                """.formatted(41.07 + 0.5 * MILE, 41.07 + 1.5 * MILE)));
        insight.analyse(company.id(), null);
        insight.saveHotRule(company.ownerActor(), new HotRule(java.util.UUID.randomUUID(), "Engaged and hit", 40,
                null, null, null, false, null, null, true));
        HomeScore before = insight.ranked(company.ownerActor(), new HomeQuery(null, null, null, "1 Near Rd", false,
                "score", 0, 1)).homes().getFirst();
        assertThat(before.score()).isEqualTo(33); // 3.00 in hail 0.5 mi away
        assertThat(insight.hotLeads(company.ownerActor(), 10)).isEmpty();

        // The rep books an inspection on the home's lead: the homeowner engaged, worth 15 points at once.
        var lead = leads.createForHome(company.ownerActor(), new dev.ridgeline.leads.NewLead("1 Near Rd", null, null,
                null, null, null, null, null, null), before.propertyId());
        leads.moveTo(company.ownerActor(), lead.id(), dev.ridgeline.leads.LeadStage.INSPECTION_BOOKED);
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(insight.score(company.ownerActor(), before.propertyId()).score()).isEqualTo(48));
        HomeScore after = insight.score(company.ownerActor(), before.propertyId());
        assertThat(after.factors()).extracting(f -> f.kind()).containsExactly(FactorKind.HAIL, FactorKind.ENGAGEMENT);
        assertThat(after.factors().get(1).words()).isEqualTo("homeowner booked an inspection on 2013-05-21");
        assertThat(insight.hotLeads(company.ownerActor(), 10)).singleElement().satisfies(a -> {
            assertThat(a.address()).isEqualTo("1 Near Rd");
            assertThat(a.ruleName()).isEqualTo("Engaged and hit");
            assertThat(a.reasons()).contains("homeowner booked an inspection");
        });

        // The company's web form reports a quote request through the API: the other home is scored again too.
        HomeScore web = insight.ranked(company.ownerActor(), new HomeQuery(null, null, null, "3 Web Rd", false,
                "score", 0, 1)).homes().getFirst();
        assertThat(insight.recordEngagement(company.ownerActor(), web.propertyId(),
                dev.ridgeline.insight.EngagementKind.ASKED)).contains(web.score() + 15);
        // A full pass keeps both: the ledger, not the last pass, is the truth.
        insight.analyse(company.id(), null);
        assertThat(insight.score(company.ownerActor(), before.propertyId()).score()).isEqualTo(48);
        assertThat(insight.score(company.ownerActor(), web.propertyId()).score()).isEqualTo(web.score() + 15);
    }

    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;

    @Autowired
    dev.ridgeline.identity.ApiKeyService apiKeys;

    @Test
    void aWebFormReportsAQuoteRequestThroughTheApi() throws Exception {
        insight.pinAsOf(company.id(), LocalDate.of(2013, 5, 21));
        load(ImportKind.CONTACTS, write("homes.csv", """
                name,address,city,state,zip,lat,lon
                Form Owner,5 Form Rd,Carbon,IA,50839,41.07,-94.83
                """));
        insight.analyse(company.id(), null);
        java.util.UUID home = insight.ranked(company.ownerActor(), HomeQuery.top(1)).homes().getFirst().propertyId();
        String token = apiKeys.create(company.ownerActor(), "web form", dev.ridgeline.identity.ApiKeyScope.WRITE).token();
        var ok = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/v1/insight/homes/{id}/engagement", home).header("Authorization", "Bearer " + token)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).content("{\"kind\":\"ASKED\"}"))
                .andReturn().getResponse();
        assertThat(ok.getStatus()).isEqualTo(200);
        assertThat(ok.getContentAsString()).contains("\"kind\":\"ASKED\"").contains("\"score\":15");
        assertThat(insight.score(company.ownerActor(), home).factors()).singleElement()
                .satisfies(f -> assertThat(f.words()).isEqualTo("homeowner asked for a quote on 2013-05-21"));
        // No kind: refused, naming the field; nothing recorded twice.
        var bad = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/v1/insight/homes/{id}/engagement", home).header("Authorization", "Bearer " + token)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).content("{}"))
                .andReturn().getResponse();
        assertThat(bad.getStatus()).isEqualTo(400);
        assertThat(bad.getContentAsString()).contains("kind");
        assertThat(jdbc.sql("select count(*) from insight.engagement where tenant_id = :t").param("t",
                company.id().value()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aStormImportRescoresTheHomesNearItsReportsByItself() throws Exception {
        insight.pinAsOf(company.id(), LocalDate.of(2013, 5, 21));
        // The largest hail of 2013-05-20: 4.25 in, "9 N BIGHEART", Oklahoma, 36.98 N 96.23 W.
        load(ImportKind.CONTACTS, write("homes.csv", """
                name,address,city,state,zip,lat,lon
                Osage Owner,10 Prairie Rd,Barnsdall,OK,74002,%s,-96.23
                Atlanta Owner,20 Peach St,Atlanta,GA,30316,33.745,-84.355
                """.formatted(36.98 + 0.3 * MILE)));
        Property osage = properties.search(company.ownerActor(), "10 Prairie Rd", 1).getFirst();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(insight.status(company.ownerActor()).homes()).isEqualTo(2));
        assertThat(insight.score(company.ownerActor(), osage.id()).factors()).isEmpty();

        load(ImportKind.STORMS, DEMO.resolve("130520_rpts_hail.csv"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HomeScore s = insight.score(company.ownerActor(), osage.id());
            assertThat(s.explanation()).startsWith("4.25 in hail 0.3 mi away, 1 day ago");
        });
        AnalysisStatus status = insight.status(company.ownerActor());
        assertThat(status.kind()).isEqualTo("STORMS");
        assertThat(status.homes()).as("only the homes in cells near the new reports are read").isEqualTo(1);
        // 40 x 1 x 0.9 x 1 = 36 points
        assertThat(insight.score(company.ownerActor(), osage.id()).score()).isEqualTo(36);
    }

    @Test
    void nashvillePermitsBecomeHomesWithRoofAgesAndRecentReroofsAreExcluded() throws Exception {
        insight.pinAsOf(company.id(), LocalDate.of(2024, 9, 30));
        load(ImportKind.PERMITS, DEMO.resolve("nashville_permits_2021-2024.csv"));
        // Permit addresses join the property graph, then a full pass runs, both by themselves.
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(insight.status(company.ownerActor()).homes()).isGreaterThan(3000));
        // T2023039470, entered 2023-06-14: "remove and reinstall 2600 SQ FT of roofing" at 109 MOSS TRL, 37072.
        Property moss = properties.search(company.ownerActor(), "109 Moss Trail", 1).getFirst();
        HomeScore s = insight.score(company.ownerActor(), moss.id());
        assertThat(s.score()).isZero();
        assertThat(s.excluded()).isEqualTo("excluded: roof replaced in 2023 (permit T2023039470)");
        assertThat(s.roofAgeSource()).isEqualTo(RoofAgeSource.PERMIT);
        assertThat(insight.ranked(company.ownerActor(), HomeQuery.top(500)).homes())
                .extracting(HomeScore::propertyId).doesNotContain(moss.id());

        Backtest b = insight.backtest(company.id(), null, 180, 100);
        // The permit file ends on 2024-09-19: the latest as-of day whose 180-day horizon is in the data.
        assertThat(b.asOf()).isEqualTo(LocalDate.of(2024, 3, 23));
        assertThat(b.homes()).isGreaterThan(3000);
        assertThat(b.positives()).isPositive();
        assertThat(b.auc()).isBetween(0.0, 1.0);
        assertThat(b.baseRate()).isCloseTo(b.positives() / (double) b.homes(), within(1e-12));
    }

    private ImportSummary load(ImportKind kind, Path file) {
        return signals.importFile(company.ownerActor(), kind, file, file.getFileName().toString(), ImportOptions.NONE);
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}

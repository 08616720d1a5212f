package dev.ridgeline.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.leads.LeadStage;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.leads.NewLead;
import dev.ridgeline.platform.GeoPoint;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.RidgelineTest;
import dev.ridgeline.voice.CallCompleted;

@RidgelineTest
class ClaimsServiceTests {

    @Autowired
    ClaimsService claims;

    @Autowired
    FilingWindows windows;

    @Autowired
    ClaimSupplements supplements;

    @Autowired
    IdentityService identity;

    @Autowired
    LeadsService leads;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate tx;

    Fixtures.Company company;
    UUID lead;

    static final double LAT = 36.1627;
    static final double LON = -86.7816;

    @BeforeEach
    void setUp() {
        Fixtures fixtures = new Fixtures(identity, jdbc);
        company = fixtures.company(Fixtures.unique("Claims Roofing"));
        UUID home = fixtures.homeWithFootprint(company, "2210 Elm Hill Pike", LAT, LON);
        lead = leads.createForHome(company.ownerActor(), new NewLead("2210 Elm Hill Pike", "Nashville", "TN", "37210",
                "Pat Jones", LAT, LON, null, null), home).id();
        // Two hail reports on the day of loss, 0.4 and 3 miles away, and one a week earlier right on the home.
        storm(LocalDate.of(2026, 5, 10), LAT + 0.0058, LON, "1.75");
        storm(LocalDate.of(2026, 5, 10), LAT + 0.0435, LON, "2.50");
        storm(LocalDate.of(2026, 5, 3), LAT, LON, "1.00");
    }

    void storm(LocalDate day, double lat, double lon, String inches) {
        jdbc.sql("""
                insert into signals.storm_report (tenant_id, id, kind, occurred_at, report_date, magnitude, magnitude_text,
                  location, state, latitude, longitude, h3_r7, source, created_at, updated_at)
                values (:t, :id, 'HAIL', :at, :day, :m, :mt, 'Nashville', 'TN', :lat, :lon, :h3, 'spc', now(), now())""")
                .param("t", company.id().value()).param("id", UUID.randomUUID())
                .param("at", Timestamp.from(day.atTime(21, 0).toInstant(java.time.ZoneOffset.UTC))).param("day", day)
                .param("m", new BigDecimal(inches)).param("mt", inches).param("lat", lat).param("lon", lon)
                .param("h3", new GeoPoint(lat, lon).cell(GeoPoint.STORM_RESOLUTION)).update();
    }

    static ClaimDraft draft(LocalDate loss, String rcv, String acv, String rec, String non, String paidByCarrier) {
        return new ClaimDraft("State Farm", "PX-1", "CLM-" + UUID.randomUUID().toString().substring(0, 8), loss, "hail",
                "Dana Adjuster", "State Farm", "+16155550188", "dana@example.com", Instant.parse("2026-05-20T15:00:00Z"),
                new BigDecimal(rcv), new BigDecimal(acv), new BigDecimal(rec), new BigDecimal(non),
                new BigDecimal("1200.00"), new BigDecimal("1000.00"), new BigDecimal(paidByCarrier), BigDecimal.ZERO);
    }

    @Test
    void aClaimIsTiedToTheStormOfItsDateOfLossAndMovesThePipeline() {
        Claim c = claims.open(company.ownerActor(), lead, draft(LocalDate.of(2026, 5, 10), "15000.00", "11000.00",
                "3500.00", "500.00", "0"), ClaimStatus.FILED, "test");
        assertThat(c.stormHeadline()).startsWith("1.75 in hail").endsWith("on 2026-05-10");
        assertThat(c.stormMiles()).isBetween(0.3, 0.5);
        assertThat(leads.get(company.ownerActor(), lead).stage()).isEqualTo(LeadStage.CLAIM_FILED);
        // Tennessee has no row of its own: the conservative default, a year from the date of loss.
        assertThat(c.filingDeadline()).isEqualTo(LocalDate.of(2027, 5, 10));
        assertThat(c.depreciationDeadline()).isNull();

        // A second claim for the same lead, a future date of loss, inconsistent money: refused, nothing changed.
        assertThatThrownBy(() -> claims.open(company.ownerActor(), lead, ClaimDraft.filed(), ClaimStatus.FILED, "test"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("already has a claim");
        assertThatThrownBy(() -> claims.update(company.ownerActor(), c.id(), draft(LocalDate.now().plusDays(5),
                "15000.00", "11000.00", "3500.00", "500.00", "0"))).hasMessageContaining("in the future");
        assertThatThrownBy(() -> claims.update(company.ownerActor(), c.id(), draft(LocalDate.of(2026, 5, 10),
                "15000.00", "11000.00", "3000.00", "500.00", "0"))).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.fieldErrors().get("rcv")).contains("must equal ACV $11,000.00 plus depreciation"));
        assertThat(claims.get(company.ownerActor(), c.id()).money().rcv()).isEqualByComparingTo("15000.00");

        // Moves: allowed ones go, the others are refused with the ones that would do.
        assertThatThrownBy(() -> claims.move(company.ownerActor(), c.id(), ClaimStatus.PAID, null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors().get("status"))
                        .isEqualTo("a claim that is Filed cannot become Paid; it may become: Inspection scheduled, "
                                + "Approved, Partially approved, Denied, Closed"));
        claims.move(company.ownerActor(), c.id(), ClaimStatus.INSPECTION_SCHEDULED, "adjuster on May 20");
        Claim approved = claims.move(company.ownerActor(), c.id(), ClaimStatus.APPROVED, null);
        assertThat(approved.decidedOn()).isNotNull();
        assertThat(approved.depreciationDeadline()).isEqualTo(approved.decidedOn().plusDays(180));

        // A supplement: requested (the claim waits on it), then partly approved; the claim's value follows.
        Supplement s = supplements.requestSupplement(company.ownerActor(), c.id(), "Drip edge", new BigDecimal("220"), "LF",
                new BigDecimal("3.15"), "missing from the scope");
        assertThat(s.requested()).isEqualByComparingTo("693.00");
        assertThat(claims.get(company.ownerActor(), c.id()).status()).isEqualTo(ClaimStatus.SUPPLEMENT_PENDING);
        assertThatThrownBy(() -> supplements.decideSupplement(company.ownerActor(), s.id(), new BigDecimal("300")))
                .hasMessageContaining("from 0 to the 220 requested");
        Claim after = supplements.decideSupplement(company.ownerActor(), s.id(), new BigDecimal("200"));
        assertThat(after.money().approvedSupplements()).isEqualByComparingTo("630.00");
        assertThat(after.money().jobTotal()).isEqualByComparingTo("16830.00");
        claims.move(company.ownerActor(), c.id(), ClaimStatus.APPROVED, "supplement approved");

        // Paid in full by both: the lead is paid.
        claims.update(company.ownerActor(), c.id(), new ClaimDraft("State Farm", "PX-1", c.claimNumber(),
                LocalDate.of(2026, 5, 10), "hail", null, null, null, null, null, new BigDecimal("15000.00"),
                new BigDecimal("11000.00"), new BigDecimal("3500.00"), new BigDecimal("500.00"),
                new BigDecimal("1200.00"), new BigDecimal("1000.00"), new BigDecimal("15330.00"),
                new BigDecimal("1500.00")));
        Claim paid = claims.move(company.ownerActor(), c.id(), ClaimStatus.PAID, null);
        assertThat(paid.money().carrierOwes()).isZero();
        assertThat(paid.money().homeownerOwes()).isZero();
        assertThat(leads.get(company.ownerActor(), lead).stage()).isEqualTo(LeadStage.PAID);
        assertThat(claims.history(company.ownerActor(), c.id())).extracting(ClaimsService.StatusChange::to)
                .containsExactly(ClaimStatus.FILED, ClaimStatus.INSPECTION_SCHEDULED, ClaimStatus.APPROVED,
                        ClaimStatus.SUPPLEMENT_PENDING, ClaimStatus.APPROVED, ClaimStatus.PAID);
        assertThat(leads.timeline(company.ownerActor(), lead)).anyMatch(a -> a.text().equals(
                "Claim: Inspection scheduled → Approved"));
    }

    @Autowired
    StormSheet sheet;

    @Autowired
    dev.ridgeline.claims.internal.ClaimReminders reminders;

    @Test
    void theRepIsRemindedOnceBeforeADeadline() {
        // Not filed, the date of loss a year less two days ago: the filing deadline is in two days.
        LocalDate loss = LocalDate.now(java.time.ZoneId.of("America/Chicago")).minusDays(363);
        claims.open(company.ownerActor(), lead, new ClaimDraft("USAA", null, null, loss, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null), ClaimStatus.NOT_FILED, "test");
        Fixtures fixtures = new Fixtures(identity, jdbc);
        String owner = company.owner().email();
        reminders.send();
        assertThat(fixtures.messageCountTo(owner)).isEqualTo(1);
        assertThat(fixtures.lastMessageTo(owner)).contains("file the claim").contains("2210 Elm Hill Pike")
                .contains("(in 2 days)");
        reminders.send();
        assertThat(fixtures.messageCountTo(owner)).as("each reminder once").isEqualTo(1);
        assertThat(leads.timeline(company.ownerActor(), lead)).anyMatch(a -> a.text().startsWith("Reminder sent to "
                + owner + ": file the claim"));
    }

    @Test
    void theStormSheetCarriesTheEvidence() throws Exception {
        claims.open(company.ownerActor(), lead, draft(LocalDate.of(2026, 5, 10), "15000.00", "11000.00", "3500.00",
                "500.00", "0"), ClaimStatus.FILED, "test");
        byte[] pdf = sheet.pdf(company.ownerActor(), lead);
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        String text;
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
        }
        assertThat(text).contains("Storm verification").contains("2210 Elm Hill Pike").contains("Pat Jones")
                .contains("Carrier: State Farm").contains("Date of loss: 2026-05-10")
                .contains("Matching storm report: 1.75 in hail on 2026-05-10, 0.4 mi from the home");
        // Every report near the home, the ones on the date of loss marked, the week-earlier one not.
        assertThat(text).containsPattern("2026-05-10\\s+1\\.75 in hail\\s+0\\.4 mi.*<- date of loss")
                .containsPattern("2026-05-10\\s+2\\.5 in hail\\s+3\\.0 mi.*<- date of loss")
                .containsPattern("2026-05-03\\s+1 in hail\\s+0\\.0 mi");
        assertThat(text).doesNotContainPattern("2026-05-03.*<- date of loss");
        // The views from before and after the storm, with their sources and dates (the sandbox's here).
        assertThat(text).contains("Views before and after 2026-05-10").containsPattern("Before: .*, 2025-")
                .containsPattern("After: .*, 2026-");
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            int images = 0;
            for (var name : doc.getPage(doc.getNumberOfPages() - 1).getResources().getXObjectNames()) {
                images++;
            }
            assertThat(images).as("the two views are in the sheet").isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void deadlinesFollowEachStatesWindowAcrossYearsAndLeapDays() {
        windows.set(company.ownerActor(), "tn", 730, 365);
        Claim c = claims.open(company.ownerActor(), lead, new ClaimDraft(null, null, null, LocalDate.of(2024, 2, 29),
                null, null, null, null, null, null, null, null, null, null, null, null, null, null),
                ClaimStatus.NOT_FILED, "test");
        assertThat(c.filingDeadline()).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(claims.deadlines(company.ownerActor(), LocalDate.of(2026, 2, 1), 30)).singleElement()
                .satisfies(d -> {
                    assertThat(d.what()).isEqualTo("file the claim");
                    assertThat(d.daysLeft()).isEqualTo(27);
                });
        assertThat(claims.deadlines(company.ownerActor(), LocalDate.of(2026, 1, 1), 30)).isEmpty();
        assertThat(claims.deadlines(company.ownerActor(), LocalDate.of(2026, 3, 3), 0)).singleElement()
                .satisfies(d -> assertThat(d.daysLeft()).isEqualTo(-3));
        assertThatThrownBy(() -> windows.set(company.ownerActor(), "Tennessee", 10, 90))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors())
                        .containsKeys("state", "filingDays"));
        assertThat(windows.window(company.id(), "TX").isDefault()).isTrue();
    }

    @Test
    void weAlreadyFiledAClaimOnAnAiCallOpensTheClaimAsFiled() {
        // A call the owner asked for (written directly: this home has no phone on record to dial).
        UUID call = UUID.randomUUID();
        jdbc.sql("""
                insert into voice.call (tenant_id, id, message_id, lead_id, kind, to_number, requested_by, requested_role,
                  status, created_at)
                values (:t, :id, :m, :lead, 'agent', '+16155550142', :by, 'OWNER', 'completed', now())""")
                .param("t", company.id().value()).param("id", call).param("m", UUID.randomUUID()).param("lead", lead)
                .param("by", company.ownerActor().userId().value()).update();
        tx.executeWithoutResult(s -> events.publishEvent(new CallCompleted(company.id(), call, lead, "BOOKED",
                true, true, 120)));
        await().atMost(Duration.ofSeconds(10)).until(() -> claims.forLead(company.ownerActor(), lead).isPresent());
        Claim c = claims.forLead(company.ownerActor(), lead).orElseThrow();
        assertThat(c.status()).isEqualTo(ClaimStatus.FILED);
        assertThat(c.source()).isEqualTo("AI call");
        assertThat(leads.get(company.ownerActor(), lead).stage()).isEqualTo(LeadStage.CLAIM_FILED);
    }
}

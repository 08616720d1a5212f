package dev.ridgeline.sequences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.leads.LeadStage;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.leads.NewLead;
import dev.ridgeline.outreach.EmailTemplates;
import dev.ridgeline.outreach.SmsInbox;
import dev.ridgeline.outreach.template.TemplateDraft;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.sequences.internal.SequenceEngine;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.MutableClock;
import dev.ridgeline.test.RidgelineTest;

/**
 * The engine on real PostgreSQL with the sandbox channels and a clock the test moves: an email at once, a text two
 * business days later, a door-knock task the day after; a reply, a booked inspection and an opt-out end an
 * enrolment; a step whose node died is sent again with the same key and so only once.
 */
@RidgelineTest
class SequenceEngineIntegrationTests {

    @Autowired
    SequencesService sequences;

    @Autowired
    SequenceEngine engine;

    @Autowired
    dev.ridgeline.claims.ClaimsService claims;

    @Autowired
    EmailTemplates templates;

    @Autowired
    LeadsService leads;

    @Autowired
    SmsInbox inbox;

    @Autowired
    IdentityService identity;

    @Autowired
    dev.ridgeline.outreach.EmailSuppressions suppressions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;

    @Autowired
    dev.ridgeline.identity.ApiKeyService apiKeys;

    Fixtures.Company company;
    UUID template;

    @BeforeEach
    void setUp() {
        company = new Fixtures(identity, jdbc).company("Sequence Roofing");
        template = templates.save(company.ownerActor(), null, new TemplateDraft("Storm follow-up",
                "Hail near {{property.address}}", "<p>Hi {{owner.firstName | \"there\"}}, a free roof check?</p>", true,
                true)).id();
        // A Monday, 10:00 in Nashville (16:00 UTC in winter): every window is open.
        ZonedDateTime monday = clock.instant().atZone(ZoneOffset.UTC).plusDays(1)
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY)).truncatedTo(ChronoUnit.DAYS).withHour(16);
        clock.advance(Duration.between(clock.instant(), monday.toInstant()));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aLeadGetsEachStepOnceAndLeavesWhenItReplies() {
        Sequence s = stormFollowUp();
        UUID quiet = lead("+16155550141", "quiet@example.com");
        UUID replier = lead("+16155550142", "replier@example.com");
        var result = sequences.enrol(company.ownerActor(), s.id(), List.of(quiet, replier, quiet), "by hand");
        assertThat(result.enrolled()).isEqualTo(2);
        assertThat(sequences.enrol(company.ownerActor(), s.id(), List.of(quiet), "by hand").alreadyIn()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(11));
        await().atMost(Duration.ofSeconds(10)).until(() -> sent("quiet@example.com") == 1 && sent("replier@example.com") == 1);
        assertThat(jdbc.sql("select idempotency_key from outreach.message where to_address = 'quiet@example.com'")
                .query(String.class).single()).startsWith("seq:").endsWith(":0");
        // The message is committed before the step's outcome: wait for the outcome too.
        await().atMost(Duration.ofSeconds(10)).until(() -> enrolment(quiet).nextPosition() == 1);
        assertThat(enrolment(quiet).nextAt()).as("two business days later, in the afternoon window")
                .isAfter(clock.instant().plus(Duration.ofHours(47)));

        clock.advance(Duration.ofDays(2).plusMinutes(15));
        await().atMost(Duration.ofSeconds(10)).until(() -> sent("+16155550141") == 1 && sent("+16155550142") == 1 && settled());
        assertThat(jdbc.sql("select body from outreach.message where to_address = '+16155550141' and channel = 'SMS'")
                .query(String.class).single()).startsWith("Hi Pat, the hail hit near 1 Quiet");

        inbox.receive(company.id(), "+16155550142", "Yes the roof leaks since the storm", "SMreply1", "sandbox");
        assertThat(enrolment(replier).status()).isEqualTo(Enrolment.Status.STOPPED);
        assertThat(enrolment(replier).stopReason()).isEqualTo("replied by text");

        clock.advance(Duration.ofDays(1).plusMinutes(15));
        await().atMost(Duration.ofSeconds(10)).until(() -> enrolment(quiet).status() == Enrolment.Status.COMPLETED);
        assertThat(jdbc.sql("select title from sequences.task where tenant_id = :t").param("t", company.id().value())
                .query(String.class).list()).singleElement().asString().startsWith("Knock on the door: 1 Quiet");
        assertThat(sent("quiet@example.com") + sent("+16155550141")).isEqualTo(2);
        assertThat(sent("replier@example.com") + sent("+16155550142")).as("nothing after the reply").isEqualTo(2);
        var stats = sequences.stepStats(company.ownerActor(), s.id());
        assertThat(stats.get(0).sent()).isEqualTo(2);
        assertThat(stats.get(1).sent()).isEqualTo(2);
        assertThat(stats.get(1).replies()).isEqualTo(1);
        assertThat(stats.get(2).tasks()).isEqualTo(1);
    }

    /**
     * Steps run in batches: thirty leads' texts and emails are queued a batch at a time (one hand-over event a batch,
     * not one a message), and what is wrong with one lead stays with that lead: a text with no value for a field
     * fails its step alone, a number the carrier refuses fails its message alone, a suppressed address is refused
     * alone; everyone else gets each step once.
     */
    @Test
    void aBatchOfStepsSendsEachOnceAndWhatIsWrongWithOneLeadStaysWithIt() {
        Sequence s = sequences.save(company.ownerActor(), null, new SequenceDraft("Batch", 5, List.of(
                new SequenceStep(0, StepKind.SMS, 0, DelayUnit.MINUTES, StepCondition.ALWAYS, null,
                        "Hi {{owner.firstName}}, free roof check near {{property.address}}? Reply STOP to opt out.", null),
                new SequenceStep(1, StepKind.EMAIL, 0, DelayUnit.MINUTES, StepCondition.ALWAYS, template, null, null))));
        List<UUID> good = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            good.add(lead("+1615555" + (2100 + i), "batch" + i + "@example.com"));
        }
        UUID nameless = lead("+16155552200", "nameless@example.com");
        jdbc.sql("update property.contact set full_name = '' where tenant_id = :t and property_id = "
                + "(select property_id from leads.lead where tenant_id = :t and id = :l)")
                .param("t", company.id().value()).param("l", nameless).update();
        UUID badNumber = lead("+15005550001", "badnumber@example.com");
        UUID suppressed = lead("+16155552201", "gone@example.com");
        suppressions.suppress(company.id(), "gone@example.com", dev.ridgeline.outreach.SuppressionReason.HARD_BOUNCE,
                "test", null, null);
        List<UUID> all = new java.util.ArrayList<>(good);
        all.addAll(List.of(nameless, badNumber, suppressed));
        assertThat(sequences.enrol(company.ownerActor(), s.id(), all, "bulk from the lead list").enrolled())
                .isEqualTo(33);

        clock.advance(Duration.ofMinutes(11));
        await().atMost(Duration.ofSeconds(20)).until(() -> good.stream().allMatch(l ->
                enrolment(l).nextPosition() >= 1) && settled());
        // The emails are planned right after, spread over the next minutes.
        clock.advance(Duration.ofMinutes(15));
        await().atMost(Duration.ofSeconds(20)).until(() -> good.stream().allMatch(l ->
                enrolment(l).status() == Enrolment.Status.COMPLETED) && settled());
        for (int i = 0; i < 30; i++) {
            assertThat(sent("+1615555" + (2100 + i)) + sent("batch" + i + "@example.com")).isEqualTo(2);
        }
        assertThat(jdbc.sql("select body from outreach.message where tenant_id = :t and to_address = '+16155552100'")
                .param("t", company.id().value()).query(String.class).single())
                .startsWith("Hi Pat, free roof check near 1 Batch0 Street?");
        // The nameless lead's text is refused before it is recorded; its step fails and its enrolment stops.
        assertThat(sent("+16155552200") + sent("nameless@example.com")).isZero();
        assertThat(run(nameless, 0)).isEqualTo("FAILED");
        assertThat(enrolment(nameless).stopReason()).startsWith("step 1 failed: this lead has no value for "
                + "{{owner.firstName}}");
        // The carrier refuses the number: that text fails, and the sandbox never took it.
        await().atMost(Duration.ofSeconds(10)).until(() -> "21211".equals(failure("+15005550001")));
        assertThat(jdbc.sql("""
                select count(*) from outreach.sandbox_accepted a join outreach.message m on m.id = a.message_id
                where m.tenant_id = :t and m.to_address = '+15005550001'""").param("t", company.id().value())
                .query(Long.class).single()).isZero();
        // The suppressed address: its email is recorded refused, never handed over.
        await().atMost(Duration.ofSeconds(10)).until(() -> "suppressed".equals(failure("gone@example.com")));
        // A hand-over event a batch, not a message: 63 messages went in a handful of events.
        Long events = jdbc.sql("""
                select count(*) from platform.event_publication
                where event_type like '%MessagesQueued' and serialized_event like :t""")
                .param("t", "%" + company.id().value() + "%").query(Long.class).single();
        assertThat(events).isBetween(1L, 8L);
        assertThat(jdbc.sql("""
                select count(*) from platform.event_publication
                where event_type like '%.MessageQueued' and serialized_event like :t""")
                .param("t", "%" + company.id().value() + "%").query(Long.class).single()).isZero();
        // Each good lead moved to Contacted once, with its timeline entry.
        assertThat(jdbc.sql("""
                select count(*) from leads.lead_activity where tenant_id = :t and kind = 'stage'
                  and text like 'Moved from New to Contacted: sequence ''Batch'' sent the first sms'""")
                .param("t", company.id().value()).query(Long.class).single()).isEqualTo(32);
    }

    private @org.jspecify.annotations.Nullable String failure(String to) {
        return jdbc.sql("select failure_code from outreach.message where tenant_id = :t and to_address = :to")
                .param("t", company.id().value()).param("to", to).query(String.class).optional().orElse(null);
    }

    @Test
    void aBookedInspectionEndsTheEnrolmentBeforeTheNextStep() {
        Sequence s = stormFollowUp();
        UUID lead = lead("+16155550143", "booked@example.com");
        sequences.enrol(company.ownerActor(), s.id(), List.of(lead), "by hand");
        clock.advance(Duration.ofMinutes(11));
        await().atMost(Duration.ofSeconds(10)).until(() -> sent("booked@example.com") == 1 && settled());
        leads.moveTo(company.ownerActor(), lead, LeadStage.INSPECTION_BOOKED);
        assertThat(enrolment(lead).status()).isEqualTo(Enrolment.Status.STOPPED);
        assertThat(enrolment(lead).stopReason()).isEqualTo("inspection booked");
        clock.advance(Duration.ofDays(4));
        engine.runDue(100);
        assertThat(sent("+16155550143")).isZero();
        assertThat(sequences.enrol(company.ownerActor(), s.id(), List.of(lead), "by hand").refused())
                .containsExactly("1 Booked Street, Nashville, TN: already inspection booked");
    }

    @Test
    void aStepWhoseNodeDiedIsSentAgainWithTheSameKeyAndSoOnlyOnce() {
        Sequence s = sequences.save(company.ownerActor(), null, new SequenceDraft("In an hour", 5, List.of(
                new SequenceStep(0, StepKind.EMAIL, 1, DelayUnit.HOURS, StepCondition.ALWAYS, template, null, null))));
        UUID lead = lead("+16155550144", "crash@example.com");
        sequences.enrol(company.ownerActor(), s.id(), List.of(lead), "by hand");
        UUID id = enrolment(lead).id();
        String key = "seq:" + id + ":0";
        // What a node leaves when it dies after sending and before recording the outcome: its lease, its intent
        // and the message the channel recorded under the step's key.
        Instant lease = clock.instant().plus(Duration.ofMinutes(75));
        jdbc.sql("update sequences.enrolment set next_at = :lease where id = :id")
                .param("lease", Timestamp.from(lease)).param("id", id).update();
        jdbc.sql("""
                insert into sequences.step_run (tenant_id, enrolment_id, position, status, idempotency_key, due_at, started_at)
                values (:t, :e, 0, 'STARTED', :k, :now, :now)""")
                .param("t", company.id().value()).param("e", id).param("k", key)
                .param("now", Timestamp.from(clock.instant())).update();
        UUID message = templates.send(company.ownerActor(), template, lead, "crash@example.com", key).id();

        clock.advance(Duration.ofMinutes(76));
        await().atMost(Duration.ofSeconds(10)).until(() -> enrolment(lead).status() == Enrolment.Status.COMPLETED);
        assertThat(sent("crash@example.com")).as("the repeat found the message already recorded").isEqualTo(1);
        assertThat(jdbc.sql("select status || ' ' || message_id from sequences.step_run where enrolment_id = :e")
                .param("e", id).query(String.class).single()).isEqualTo("SENT " + message);
    }

    @Test
    void anotherSystemEnrolsLeadsThroughTheApi() throws Exception {
        Sequence s = stormFollowUp();
        UUID lead = lead("+16155550145", "api@example.com");
        String token = apiKeys.create(company.ownerActor(), "crm", dev.ridgeline.identity.ApiKeyScope.WRITE).token();
        String body = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .post("/api/v1/sequences/" + s.id() + "/enrolments").header("Authorization", "Bearer " + token)
                        .contentType("application/json").content("{\"leadIds\":[\"" + lead + "\",\"" + UUID.randomUUID() + "\"]}"))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).startsWith("{\"enrolled\":1,\"alreadyIn\":0,\"refused\":[\"").contains(": no such lead");
        assertThat(enrolment(lead).enrolledHow()).isEqualTo("by API");
    }

    @Test
    void theBuilderRefusesStepsThatCannotRun() {
        assertThatThrownBy(() -> sequences.save(company.ownerActor(), null, new SequenceDraft("Broken", 5, List.of(
                new SequenceStep(0, StepKind.EMAIL, 0, DelayUnit.MINUTES, StepCondition.PREVIOUS_EMAIL_OPENED, null,
                        null, null),
                new SequenceStep(1, StepKind.SMS, 2, DelayUnit.DAYS, StepCondition.ALWAYS, null, "Hi {{owner.frist}}",
                        null),
                new SequenceStep(2, StepKind.TASK, 1, DelayUnit.DAYS, StepCondition.ALWAYS, null, null, null)))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors())
                        .containsEntry("steps[0].templateId", "step 1: choose the email template")
                        .containsEntry("steps[0].condition", "step 1: the first step has no previous message to look at")
                        .containsKey("steps[1].body")
                        .containsEntry("steps[2].taskKind", "step 3: choose what the rep is to do"));
        assertThat(sequences.list(company.ownerActor())).isEmpty();
    }

    @Test
    void textsArePlannedForTheCallingHoursOfEveryZoneTheNumberMayBeIn() {
        Sequence s = sequences.save(company.ownerActor(), null, new SequenceDraft("Text first", 5, List.of(
                new SequenceStep(0, StepKind.SMS, 0, DelayUnit.MINUTES, StepCondition.ALWAYS, null,
                        "Free roof check? Reply STOP to opt out.", null))));
        UUID local = lead("+16155551601", "local@example.com");
        UUID islander = lead("+18085551602", "islander@example.com");
        sequences.enrol(company.ownerActor(), s.id(), List.of(local, islander), "by hand");
        // Monday 10:00 in Nashville is 6:00 in Honolulu: the Hawaiian number waits for 8:00 there (18:00 UTC).
        assertThat(enrolment(local).nextAt()).isBefore(clock.instant().plus(Duration.ofMinutes(11)));
        assertThat(enrolment(islander).nextAt())
                .isAfterOrEqualTo(clock.instant().plus(Duration.ofHours(2)).minusSeconds(1))
                .isBefore(clock.instant().plus(Duration.ofHours(3)));
    }

    @Test
    void abVariantsSplitTheLeadsByHashAndTheWinnerCanBeKept() {
        Sequence s = sequences.save(company.ownerActor(), null, new SequenceDraft("A/B texts", 5, List.of(
                new SequenceStep(0, StepKind.SMS, 0, DelayUnit.MINUTES, StepCondition.ALWAYS, null, null,
                        "Hi A, free roof check? Reply STOP to opt out.", null, null,
                        "Hi B, the hail hit your street: free roof check? Reply STOP to opt out.", AbGoal.REPLY))));
        List<UUID> leadIds = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            leadIds.add(lead("+1615555" + (1100 + i), "ab" + i + "@example.com"));
        }
        assertThat(sequences.enrol(company.ownerActor(), s.id(), leadIds, "by hand").enrolled()).isEqualTo(12);
        clock.advance(Duration.ofMinutes(11));
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("""
                select count(*) from sequences.step_run where tenant_id = :t and status = 'SENT'""")
                .param("t", company.id().value()).query(Long.class).single() == 12);
        record Run(UUID enrolment, String variant, String body, String to) {
        }
        List<Run> runs = jdbc.sql("""
                select r.enrolment_id, r.variant, m.body, m.to_address from sequences.step_run r
                join outreach.message m on m.tenant_id = r.tenant_id and m.id = r.message_id where r.tenant_id = :t""")
                .param("t", company.id().value())
                .query((rs, n) -> new Run(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
        SequenceStep step = s.steps().getFirst();
        assertThat(runs).allSatisfy(r -> {
            assertThat(r.variant()).as("the hash decides, the same every time").isEqualTo(step.variantFor(r.enrolment()));
            assertThat(r.body()).startsWith("Hi " + r.variant());
        });
        assertThat(runs).extracting(Run::variant).contains("A", "B");
        // Everyone who got B answers; nobody who got A does.
        runs.stream().filter(r -> r.variant().equals("B")).forEach(r ->
                inbox.receive(company.id(), r.to(), "Yes please", "SM" + r.to().substring(2), "sandbox"));
        AbResult ab = sequences.stepStats(company.ownerActor(), s.id()).getFirst().ab();
        long b = runs.stream().filter(r -> r.variant().equals("B")).count();
        assertThat(ab.sentA() + ab.sentB()).isEqualTo(12);
        assertThat(ab.winsB()).isEqualTo(b);
        assertThat(ab.winsA()).isZero();
        assertThat(ab.verdict()).as("twelve leads are too few for the z-test").startsWith("too few results");

        Sequence promoted = sequences.promote(company.ownerActor(), s.id(), 0, "B");
        assertThat(promoted.steps().getFirst().hasVariant()).isFalse();
        assertThat(promoted.steps().getFirst().body()).startsWith("Hi B, the hail hit your street");
        assertThat(sequences.stepStats(company.ownerActor(), s.id()).getFirst().ab().winsB())
                .as("what was sent keeps its variant").isEqualTo(b);
    }

    @Test
    void reEnrolmentRulesAndExclusionsDecideWhoMayJoin() {
        List<SequenceStep> oneText = List.of(new SequenceStep(0, StepKind.SMS, 0, DelayUnit.MINUTES,
                StepCondition.ALWAYS, null, "Free roof check? Reply STOP to opt out.", null));
        Sequence once = sequences.save(company.ownerActor(), null, new SequenceDraft("Once", 5, oneText));
        UUID lead = lead("+16155551201", "rules@example.com");
        sequences.enrol(company.ownerActor(), once.id(), List.of(lead), "by hand");
        clock.advance(Duration.ofMinutes(11));
        await().atMost(Duration.ofSeconds(10)).until(() -> enrolment(lead).status() == Enrolment.Status.COMPLETED);
        assertThat(sequences.enrol(company.ownerActor(), once.id(), List.of(lead), "by hand").refused())
                .singleElement().asString().contains("was in this sequence before, and it enrols a lead once");

        Sequence.Rules again = new Sequence.Rules(LeadStage.INSPECTION_BOOKED, 30, true, null);
        sequences.save(company.ownerActor(), once.id(), new SequenceDraft("Once", 5, oneText, again));
        assertThat(sequences.enrol(company.ownerActor(), once.id(), List.of(lead), "by hand").refused())
                .singleElement().asString().contains("may be enrolled again from");
        clock.advance(Duration.ofDays(31));
        assertThat(sequences.enrol(company.ownerActor(), once.id(), List.of(lead), "by hand").enrolled()).isEqualTo(1);

        Sequence other = sequences.save(company.ownerActor(), null, new SequenceDraft("Other", 5, oneText));
        assertThat(sequences.enrol(company.ownerActor(), other.id(), List.of(lead), "by hand").refused())
                .singleElement().asString().contains("working through another sequence");
        Sequence quietSpell = sequences.save(company.ownerActor(), null, new SequenceDraft("Quiet spell", 5, oneText,
                new Sequence.Rules(LeadStage.INSPECTION_BOOKED, null, false, 45)));
        assertThat(sequences.enrol(company.ownerActor(), quietSpell.id(), List.of(lead), "by hand").refused())
                .singleElement().asString().contains("a sequence contacted it on").contains("within 45 days");
        assertThatThrownBy(() -> sequences.save(company.ownerActor(), null, new SequenceDraft("Bad", 5, oneText,
                new Sequence.Rules(LeadStage.CONTACTED, -1, true, 0))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors()).containsKeys(
                        "rules.stopStage", "rules.reenrolAfterDays", "rules.skipIfTouchedDays"));
    }

    @Test
    void theStopStageAndConditionsReadTheLeadAtSendTime() {
        // A claim follow-up: runs past the inspection, ends at Signed.
        Sequence s = sequences.save(company.ownerActor(), null, new SequenceDraft("Claim follow-up", 5, List.of(
                new SequenceStep(0, StepKind.SMS, 0, DelayUnit.MINUTES, StepCondition.ALWAYS, null,
                        "How did the inspection go? Reply STOP to opt out.", null),
                new SequenceStep(1, StepKind.SMS, 1, DelayUnit.DAYS, StepCondition.CLAIM_FILED, null,
                        "Your claim is filed: we will meet the adjuster. Reply STOP to opt out.", null),
                new SequenceStep(2, StepKind.TASK, 1, DelayUnit.DAYS, StepCondition.CLAIM_NOT_FILED, null,
                        "help them file the claim", TaskKind.PHONE_CALL),
                new SequenceStep(3, StepKind.SMS, 1, DelayUnit.DAYS, StepCondition.SCORE_AT_LEAST, "50", null,
                        "Homes like yours on your street got new roofs. Reply STOP to opt out.", null, null, null,
                        AbGoal.REPLY),
                new SequenceStep(4, StepKind.SMS, 1, DelayUnit.DAYS, StepCondition.STAGE_AT_LEAST, "SIGNED", null,
                        "Never sent: Signed ends the sequence. Reply STOP to opt out.", null, null, null, AbGoal.REPLY)),
                new Sequence.Rules(LeadStage.SIGNED, null, true, null)));
        UUID lead = lead("+16155551301", "claim@example.com");
        leads.moveTo(company.ownerActor(), lead, LeadStage.INSPECTED);
        assertThat(sequences.enrol(company.ownerActor(), s.id(), List.of(lead), "by hand").enrolled())
                .as("Inspected is before this sequence's stop stage").isEqualTo(1);
        clock.advance(Duration.ofMinutes(11));
        await().atMost(Duration.ofSeconds(10)).until(() -> enrolment(lead).nextPosition() == 1);
        clock.advance(Duration.ofDays(1).plusMinutes(15));
        await().atMost(Duration.ofSeconds(10)).until(() -> enrolment(lead).nextPosition() == 2);
        assertThat(run(lead, 1)).isEqualTo("SKIPPED");
        UUID home = leads.propertyOf(company.id(), lead).orElseThrow();
        scoreHome(home, 72, null, null);
        clock.advance(Duration.ofDays(1).plusMinutes(15));
        await().atMost(Duration.ofSeconds(10)).until(() -> enrolment(lead).nextPosition() == 3);
        assertThat(run(lead, 2)).isEqualTo("TASK_CREATED");
        clock.advance(Duration.ofDays(1).plusMinutes(15));
        await().atMost(Duration.ofSeconds(10)).until(() -> enrolment(lead).nextPosition() == 4);
        assertThat(run(lead, 3)).as("score 72 is at least 50").isEqualTo("SENT");
        leads.moveTo(company.ownerActor(), lead, LeadStage.SIGNED);
        assertThat(enrolment(lead).status()).isEqualTo(Enrolment.Status.STOPPED);
        assertThat(enrolment(lead).stopReason()).isEqualTo("won");
        assertThat(sequences.enrol(company.ownerActor(), s.id(), List.of(lead), "by hand").refused())
                .singleElement().asString().contains("already signed");
    }

    @Test
    void triggersEnrolHotLeadsAndTheHomesHailHit(@Autowired org.springframework.transaction.support.TransactionTemplate tx,
            @Autowired org.springframework.context.ApplicationEventPublisher events) {
        Sequence s = stormFollowUp();
        sequences.addTrigger(company.ownerActor(), s.id(), SequenceTrigger.Kind.HOT_LEAD, null, null, null);
        sequences.addTrigger(company.ownerActor(), s.id(), SequenceTrigger.Kind.STORM, null, 1.0, "37210");
        assertThatThrownBy(() -> sequences.addTrigger(company.ownerActor(), s.id(), SequenceTrigger.Kind.STORM, null,
                9.0, "3721"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors())
                        .containsKeys("minHailInches", "zips"));
        Fixtures fixtures = new Fixtures(identity, jdbc);
        UUID hot = fixtures.homeWithOwner(company, "1 Hot Street", "+16155551401", "hot@example.com");
        tx.executeWithoutResult(t -> events.publishEvent(new dev.ridgeline.insight.LeadBecameHot(company.id(), hot,
                "1 Hot Street", 81, "1.75 in hail 0.4 mi away", UUID.randomUUID(), "Score 60 and up", "2026-05-01")));
        await().atMost(Duration.ofSeconds(10)).until(() -> enrolledHow(hot) != null);
        assertThat(enrolledHow(hot)).isEqualTo("trigger: hot lead (Score 60 and up)");

        java.time.LocalDate day = java.time.LocalDate.of(2026, 5, 1);
        UUID hit = fixtures.homeWithOwner(company, "2 Hail Street", "+16155551402", "hit@example.com");
        UUID small = fixtures.homeWithOwner(company, "3 Pea Street", "+16155551403", "pea@example.com");
        scoreHome(hit, 40, 1.5, day);
        scoreHome(small, 40, 0.75, day);
        tx.executeWithoutResult(t -> events.publishEvent(new dev.ridgeline.insight.StormExposureUpdated(company.id(),
                day, day)));
        await().atMost(Duration.ofSeconds(10)).until(() -> enrolledHow(hit) != null);
        assertThat(enrolledHow(hit)).isEqualTo("trigger: hail of 1.0 in or more, 2026-05-01");
        assertThat(enrolledHow(small)).as("pea-sized hail is under the trigger's size").isNull();
    }

    @Test
    void conversionsAreCreditedToTheLastTouchWithRevenue() {
        Sequence s = stormFollowUp();
        UUID won = lead("+16155551501", "won@example.com");
        UUID quiet = lead("+16155551502", "silent@example.com");
        sequences.enrol(company.ownerActor(), s.id(), List.of(won, quiet), "by hand");
        clock.advance(Duration.ofMinutes(11));
        await().atMost(Duration.ofSeconds(10)).until(() -> sent("won@example.com") == 1 && sent("silent@example.com") == 1 && settled());
        clock.advance(Duration.ofDays(2).plusMinutes(15));
        await().atMost(Duration.ofSeconds(10)).until(() -> sent("+16155551501") == 1 && settled());
        inbox.receive(company.id(), "+16155551501", "Yes come look at it", "SMwon1", "sandbox");
        leads.moveTo(company.ownerActor(), won, LeadStage.SIGNED);
        leads.setJobValue(company.ownerActor(), won, new java.math.BigDecimal("14500"));

        SequenceReport report = sequences.report(company.ownerActor(), s.id());
        assertThat(report.enrolled()).isEqualTo(2);
        assertThat(report.stages()).filteredOn(st -> st.stage() == LeadStage.CONTACTED).singleElement()
                .extracting(SequenceReport.Stage::leads).isEqualTo(2);
        assertThat(report.stages()).filteredOn(st -> st.stage() == LeadStage.ENGAGED).singleElement()
                .extracting(SequenceReport.Stage::leads).isEqualTo(1);
        assertThat(report.stages()).filteredOn(st -> st.stage() == LeadStage.INSPECTION_BOOKED).singleElement()
                .as("signed skips the stages between, and counts in each").extracting(SequenceReport.Stage::leads)
                .isEqualTo(1);
        assertThat(report.stages()).filteredOn(st -> st.stage() == LeadStage.SIGNED).singleElement()
                .satisfies(st -> assertThat(st.medianDays()).isBetween(2.0, 3.0));
        assertThat(report.credits()).contains(new SequenceReport.Credit(0, "EMAIL", LeadStage.CONTACTED, 2),
                new SequenceReport.Credit(1, "SMS", LeadStage.ENGAGED, 1),
                new SequenceReport.Credit(1, "SMS", LeadStage.SIGNED, 1));
        assertThat(report.revenue()).isEqualByComparingTo("14500");
        assertThat(report.won()).isEqualTo(1);
    }

    private @org.jspecify.annotations.Nullable String enrolledHow(UUID home) {
        return jdbc.sql("""
                select e.enrolled_how from sequences.enrolment e join leads.lead l on l.tenant_id = e.tenant_id and l.id = e.lead_id
                where e.tenant_id = :t and l.property_id = :p""")
                .param("t", company.id().value()).param("p", home).query(String.class).optional().orElse(null);
    }

    private String run(UUID lead, int position) {
        return jdbc.sql("""
                select r.status from sequences.step_run r join sequences.enrolment e on e.tenant_id = r.tenant_id
                  and e.id = r.enrolment_id where r.tenant_id = :t and e.lead_id = :l and r.position = :p""")
                .param("t", company.id().value()).param("l", lead).param("p", position).query(String.class).single();
    }

    /**
     * A stored lead score for a home with its hail, as an analysis pass leaves it: the rest of the evidence packed
     * in the insight module's layout 1 (nothing known: no year built, wind, radar, neighbours or claims).
     */
    private void scoreHome(UUID home, int score, @org.jspecify.annotations.Nullable Double hailInches,
            java.time.@org.jspecify.annotations.Nullable LocalDate hailOn) {
        // The company's partition, named as the insight module names it.
        jdbc.sql("create table if not exists insight.home_score_" + company.id().value().toString().replace("-", "")
                + " partition of insight.home_score for values in ('" + company.id().value() + "')").update();
        jdbc.sql("delete from insight.home_score where tenant_id = :t and property_id = :p")
                .param("t", company.id().value()).param("p", home).update();
        int none = Integer.MIN_VALUE;
        java.nio.ByteBuffer evidence = java.nio.ByteBuffer.allocate(62).put((byte) 1).putInt(none).putFloat(0.4f)
                .putInt(hailInches == null ? 0 : 1).putFloat(Float.NaN).putInt(none).putFloat(Float.NaN).put((byte) 0)
                .putInt(0).putInt(none).put((byte) 0).putFloat(0).putShort((short) -1).putInt(0).putInt(0).putInt(none)
                .putInt(0).put((byte) -1).putInt(none);
        jdbc.sql("""
                insert into insight.home_score (tenant_id, property_id, address, postal_code, latitude, longitude, h3_r7,
                  score, fingerprint, hail_in, hail_on, recently_reroofed, model, as_of, scored_at, evidence)
                values (:t, :p, 'a home', '37210', 36.1, -86.8, 0, :s, 1, :hail, :on, false, 'prior', current_date, now(),
                  :evidence)""")
                .param("t", company.id().value()).param("p", home).param("s", score).param("hail", hailInches)
                .param("on", hailOn).param("evidence", evidence.array()).update();
    }

    private Sequence stormFollowUp() {
        return sequences.save(company.ownerActor(), null, new SequenceDraft("Storm follow-up", 5, List.of(
                new SequenceStep(0, StepKind.EMAIL, 0, DelayUnit.MINUTES, StepCondition.ALWAYS, template, null, null),
                new SequenceStep(1, StepKind.SMS, 2, DelayUnit.BUSINESS_DAYS, StepCondition.ALWAYS, null,
                        "Hi {{owner.firstName | \"there\"}}, the hail hit near {{property.address}}. Free roof check? "
                                + "Reply STOP to opt out.", null),
                new SequenceStep(2, StepKind.TASK, 1, DelayUnit.DAYS, StepCondition.ALWAYS, null, null,
                        TaskKind.DOOR_KNOCK))));
    }

    /** No step is between its message and its recorded outcome. */
    private boolean settled() {
        return jdbc.sql("select count(*) from sequences.step_run where tenant_id = :t and status = 'STARTED'")
                .param("t", company.id().value()).query(Long.class).single() == 0;
    }

    private long sent(String to) {
        return jdbc.sql("select count(*) from outreach.message where tenant_id = :t and to_address = :to")
                .param("t", company.id().value()).param("to", to).query(Long.class).single();
    }

    private Enrolment enrolment(UUID lead) {
        record Ids(UUID id, UUID sequence) {
        }
        Ids ids = jdbc.sql("select id, sequence_id from sequences.enrolment where tenant_id = :t and lead_id = :l")
                .param("t", company.id().value()).param("l", lead)
                .query((rs, n) -> new Ids(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).single();
        return sequences.enrolments(company.ownerActor(), ids.sequence(), 50).stream()
                .filter(e -> e.id().equals(ids.id())).findFirst().orElseThrow();
    }

    /** A lead for a home whose owner, Pat, has an email and a phone with written consent to texts. */
    private UUID lead(String phone, String email) {
        String address = "1 " + email.substring(0, 1).toUpperCase() + email.substring(1, email.indexOf('@')) + " Street";
        UUID property = new Fixtures(identity, jdbc).homeWithOwner(company, address, phone, email);
        return leads.createForHome(company.ownerActor(), new NewLead(address, "Nashville", "TN", "37210", null, null,
                null, null, null), property).id();
    }

    @Test
    void stepsBranchOnTheStatusOfTheLeadsClaim() {
        Sequence s = sequences.save(company.ownerActor(), null, new SequenceDraft("Claim outcome", 5, List.of(
                new SequenceStep(0, StepKind.SMS, 0, DelayUnit.MINUTES, StepCondition.ALWAYS, null,
                        "Thanks for meeting us. Reply STOP to opt out.", null),
                new SequenceStep(1, StepKind.SMS, 1, DelayUnit.DAYS, StepCondition.CLAIM_APPROVED, null,
                        "Good news on the claim: let's pick your shingles. Reply STOP to opt out.", null),
                new SequenceStep(2, StepKind.TASK, 1, DelayUnit.DAYS, StepCondition.CLAIM_DENIED, null,
                        "help them appeal", TaskKind.PHONE_CALL)),
                new Sequence.Rules(LeadStage.SIGNED, null, true, null)));
        UUID lead = lead("+16155551302", "approved@example.com");
        var claim = claims.open(company.ownerActor(), lead, dev.ridgeline.claims.ClaimDraft.filed(),
                dev.ridgeline.claims.ClaimStatus.FILED, "test");
        claims.move(company.ownerActor(), claim.id(), dev.ridgeline.claims.ClaimStatus.APPROVED, null);
        assertThat(sequences.enrol(company.ownerActor(), s.id(), List.of(lead), "by hand").enrolled()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(11));
        await().atMost(Duration.ofSeconds(10)).until(() -> enrolment(lead).nextPosition() == 1);
        clock.advance(Duration.ofDays(1).plusMinutes(15));
        await().atMost(Duration.ofSeconds(10)).until(() -> enrolment(lead).nextPosition() == 2);
        assertThat(run(lead, 1)).as("the claim is approved").isEqualTo("SENT");
        clock.advance(Duration.ofDays(1).plusMinutes(15));
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> run(lead, 2) != null && !"STARTED".equals(run(lead, 2)));
        assertThat(run(lead, 2)).as("the claim is not denied").isEqualTo("SKIPPED");
    }
}

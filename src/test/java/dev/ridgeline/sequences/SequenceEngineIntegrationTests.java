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
    EmailTemplates templates;

    @Autowired
    LeadsService leads;

    @Autowired
    SmsInbox inbox;

    @Autowired
    IdentityService identity;

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
        assertThat(enrolment(quiet).nextPosition()).isEqualTo(1);
        assertThat(enrolment(quiet).nextAt()).as("two business days later, in the afternoon window")
                .isAfter(clock.instant().plus(Duration.ofHours(47)));

        clock.advance(Duration.ofDays(2).plusMinutes(15));
        await().atMost(Duration.ofSeconds(10)).until(() -> sent("+16155550141") == 1 && sent("+16155550142") == 1);
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

    @Test
    void aBookedInspectionEndsTheEnrolmentBeforeTheNextStep() {
        Sequence s = stormFollowUp();
        UUID lead = lead("+16155550143", "booked@example.com");
        sequences.enrol(company.ownerActor(), s.id(), List.of(lead), "by hand");
        clock.advance(Duration.ofMinutes(11));
        await().atMost(Duration.ofSeconds(10)).until(() -> sent("booked@example.com") == 1);
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
                        .containsEntry("steps[0].condition", "step 1: the first step has no previous email to look at")
                        .containsKey("steps[1].body")
                        .containsEntry("steps[2].taskKind", "step 3: choose what the rep is to do"));
        assertThat(sequences.list(company.ownerActor())).isEmpty();
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
}

package dev.ridgeline.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.outreach.internal.MailboxGuard;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.RidgelineTest;

/** Daily caps with warm-up, and the automatic pause of a mailbox whose bounces pass 3%, on the sandbox. */
@RidgelineTest
class MailboxGuardIntegrationTests {

    @Autowired
    OutreachService outreach;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    MailboxGuard guard;

    @Autowired
    ConnectionsService connections;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EmailSuppressions suppressions;

    @Autowired
    java.time.Clock clock;

    Fixtures.Company company;

    @BeforeEach
    void setUp() {
        company = new Fixtures(identity, jdbc).company("Guarded Roofing");
    }

    @Test
    void aNewMailboxWarmsUpToItsCapAndHoldsWhatIsOver() {
        ProviderAccount gmailLike = new ProviderAccount(company.id(), java.util.UUID.randomUUID(), "smtp", Map.of(),
                name -> java.util.Optional.empty());
        assertThat(MailboxGuard.cap(gmailLike)).isEqualTo(50);
        assertThat(guard.capToday(company.id(), gmailLike)).as("first day of warm-up").isEqualTo(10);
        guard.check(company.id(), gmailLike);
        jdbc.sql("update outreach.mailbox_state set first_sent_on = first_sent_on - 3 where connection_id = :c")
                .param("c", gmailLike.connectionId()).update();
        assertThat(guard.capToday(company.id(), gmailLike)).as("fourth day").isEqualTo(25);
        jdbc.sql("update outreach.mailbox_state set first_sent_on = first_sent_on - 30 where connection_id = :c")
                .param("c", gmailLike.connectionId()).update();
        assertThat(guard.capToday(company.id(), gmailLike)).isEqualTo(50);
        assertThat(MailboxGuard.cap(new ProviderAccount(company.id(), java.util.UUID.randomUUID(), "smtp",
                Map.of("dailyCap", "200"), name -> java.util.Optional.empty()))).isEqualTo(200);

        // A cap of 2 on the sandbox mailbox: the third marketing email waits for tomorrow, not failed.
        connections.create(company.ownerActor(), new dev.ridgeline.connections.ConnectionDraft(ConnectionType.EMAIL,
                "sandbox", "Sandbox", Map.of("dailyCap", "2", "warmUp", "off"), Map.of()));
        List<OutboundMessage> sent = List.of(send("a@example.com", "c1"), send("b@example.com", "c2"),
                send("c@example.com", "c3"));
        await().atMost(Duration.ofSeconds(10)).until(() -> sent.stream().map(m -> status(m)).toList(),
                s -> s.stream().filter(x -> x == MessageStatus.DELIVERED).count() == 2
                        && s.contains(MessageStatus.QUEUED));
        OutboundMessage held = sent.stream().filter(m -> status(m) == MessageStatus.QUEUED).findFirst().orElseThrow();
        assertThat(outreach.history(company.ownerActor(), held.id()).getLast().detail())
                .startsWith("held: daily cap of 2 reached for this mailbox");
        assertThat(mailboxes.health(company.ownerActor())).singleElement().satisfies(h -> {
            assertThat(h.sentToday()).isEqualTo(2);
            assertThat(h.capToday()).isEqualTo(2);
            assertThat(h.lastMonth().sent()).isEqualTo(2);
        });
        assertThat(mailboxes.waiting(company.ownerActor())).isEqualTo(1);
    }

    /**
     * A batch (a sequence's steps queue their emails together) takes the mailbox's slots in one go: with three left
     * of a cap of three, five emails queued together send three and hold two for tomorrow; a suppressed address in
     * the batch is refused without taking a slot.
     */
    @Test
    void aBatchTakesWhatIsLeftOfTheDailyCapAndHoldsTheRest() {
        connections.create(company.ownerActor(), new dev.ridgeline.connections.ConnectionDraft(ConnectionType.EMAIL,
                "sandbox", "Sandbox", Map.of("dailyCap", "3", "warmUp", "off"), Map.of()));
        suppressions.suppress(company.id(), "gone@example.com", dev.ridgeline.outreach.SuppressionReason.UNSUBSCRIBED,
                "test", null, null);
        List<SendRequest> batch = new java.util.ArrayList<>();
        for (String to : List.of("a@example.com", "gone@example.com", "b@example.com", "c@example.com",
                "d@example.com", "e@example.com")) {
            batch.add(new SendRequest(company.id(), Channel.EMAIL, MessagePurpose.OUTREACH, to, "Roof check",
                    "Free inspection this week.", "batch-" + to, null));
        }
        List<OutreachService.Queued> queued = outreach.sendAll(company.id(), batch, Map.of());
        assertThat(queued).hasSize(6).allSatisfy(q -> assertThat(q.messageId()).isNotNull());
        assertThat(outreach.sendAll(company.id(), batch, Map.of())).as("the same keys again send nothing new")
                .extracting(OutreachService.Queued::messageId)
                .containsExactlyElementsOf(queued.stream().map(OutreachService.Queued::messageId).toList());
        List<OutboundMessage> sent = queued.stream().map(q -> outreach.find(company.id(), q.messageId()).orElseThrow())
                .toList();
        await().atMost(Duration.ofSeconds(10)).until(() -> sent.stream().map(m -> status(m)).toList(),
                s -> s.stream().filter(x -> x == MessageStatus.DELIVERED).count() == 3
                        && s.stream().filter(x -> x == MessageStatus.QUEUED).count() == 2);
        OutboundMessage gone = sent.get(1);
        assertThat(status(gone)).isEqualTo(MessageStatus.FAILED);
        assertThat(outreach.find(company.id(), gone.id()).orElseThrow().failureCode()).isEqualTo("suppressed");
        sent.stream().filter(m -> status(m) == MessageStatus.QUEUED).forEach(held ->
                assertThat(outreach.history(company.ownerActor(), held.id()).getLast().detail())
                        .startsWith("held: daily cap of 3 reached for this mailbox"));
        assertThat(mailboxes.health(company.ownerActor())).singleElement()
                .satisfies(h -> assertThat(h.sentToday()).isEqualTo(3));
        assertThat(jdbc.sql("select count(*) from outreach.sandbox_accepted where tenant_id = :t")
                .param("t", company.id().value()).query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void aMailboxWhoseBouncesPass3PercentIsPausedAndItsOwnersTold() {
        for (int i = 0; i < MailboxGuard.MIN_VOLUME; i++) {
            send((i % 10 == 0 ? "bounce" : "ok") + i + "@example.com", "p" + i);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> paused() != null);
        // Paused at the first bounce that took the rate past 3% (the others may still be on their way).
        assertThat(paused())
                .matches("bounce rate \\d+\\.\\d% over the last 7 days \\([2-5] of 50\\), above 3%");
        assertThat(jdbc.sql("select subject || ' | ' || body from outreach.message where to_address = :o "
                        + "and purpose = 'NOTIFICATION'")
                .param("o", company.owner().email()).query(String.class).list())
                .singleElement().asString().startsWith("Marketing email paused: your mailbox | ")
                .contains("bounce rate ").contains("Check the list you are sending to");
        OutboundMessage waiting = send("later@example.com", "p-late");
        await().atMost(Duration.ofSeconds(5)).until(() -> outreach.history(company.ownerActor(), waiting.id()).getLast()
                .detail(), d -> d != null && d.startsWith("held: mailbox paused"));
        // Notifications and sign-in links still go out: only marketing waits.
        OutboundMessage notice = outreach.send(new SendRequest(company.id(), Channel.EMAIL, MessagePurpose.NOTIFICATION,
                "rep@example.com", "New lead", "A new lead.", "n1", null));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(notice) == MessageStatus.DELIVERED);

        assertThat(mailboxes.resume(company.ownerActor(), new java.util.UUID(0, 0))).as("the sandbox mailbox").isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(waiting) == MessageStatus.DELIVERED);
    }

    @Test
    void severalMailboxesShareTheSendingAndEachRecipientKeepsTheirs() {
        var mike = connections.create(company.ownerActor(), new dev.ridgeline.connections.ConnectionDraft(
                ConnectionType.EMAIL, "sandbox", "Mike", Map.of("fromAddress", "mike@guarded.example", "dailyCap", "2",
                "warmUp", "off"), Map.of()));
        var ann = connections.create(company.ownerActor(), new dev.ridgeline.connections.ConnectionDraft(
                ConnectionType.EMAIL, "sandbox", "Ann", Map.of("fromAddress", "ann@guarded.example", "dailyCap", "2",
                "warmUp", "off"), Map.of()));
        assertThat(List.of(mike.status(), ann.status())).as("a second mailbox joins, not replaces")
                .containsOnly(dev.ridgeline.connections.ConnectionStatus.ACTIVE);

        // One at a time, so the choice each makes is known: Pat sticks to the mailbox that first wrote to them, the
        // others go where most of the day's allowance is left.
        List<OutboundMessage> sent = new java.util.ArrayList<>();
        for (String to : List.of("pat@example.com", "pat@example.com", "lee@example.com", "kim@example.com")) {
            OutboundMessage m = send(to, "r" + sent.size());
            await().atMost(Duration.ofSeconds(10)).until(() -> status(m) == MessageStatus.DELIVERED);
            sent.add(m);
        }
        List<String> froms = sent.stream().map(this::from).toList();
        String other = froms.getFirst().equals("mike@guarded.example") ? "ann@guarded.example" : "mike@guarded.example";
        assertThat(froms).containsExactly(froms.getFirst(), froms.getFirst(), other, other);

        // Both caps used: the fifth waits, and says why for each mailbox.
        OutboundMessage fifth = send("sam@example.com", "r5");
        await().atMost(Duration.ofSeconds(5)).until(() -> outreach.history(company.ownerActor(), fifth.id()).getLast()
                .detail(), d -> d != null && d.startsWith("held: every sending mailbox is held (daily cap of 2"));
        assertThat(mailboxes.health(company.ownerActor())).extracting(h -> h.address() + " " + h.sentToday() + "/"
                + h.capToday() + " sent " + h.lastMonth().sent())
                .containsExactlyInAnyOrder("mike@guarded.example 2/2 sent 2", "ann@guarded.example 2/2 sent 2");

        // A paused mailbox passes its recipients to the other one.
        java.util.UUID patsMailbox = froms.getFirst().equals("mike@guarded.example") ? mike.id() : ann.id();
        jdbc.sql("update outreach.mailbox_state set day_count = 0, paused_at = now(), pause_reason = 'test' "
                + "where connection_id = :c").param("c", patsMailbox).update();
        jdbc.sql("update outreach.mailbox_state set day_count = 0 where tenant_id = :t").param("t", company.id().value())
                .update();
        OutboundMessage toPat = send("pat@example.com", "r6");
        await().atMost(Duration.ofSeconds(10)).until(() -> status(toPat) == MessageStatus.DELIVERED);
        assertThat(from(toPat)).isEqualTo(other);
    }

    @Test
    void aDeferredEmailIsTriedAgainLaterAndATestSendUsesTheMailboxAskedFor() {
        OutboundMessage deferred = send("defer@example.com", "d1");
        await().atMost(Duration.ofSeconds(10)).until(() -> outreach.history(company.ownerActor(), deferred.id())
                .getLast().detail(), d -> d != null && d.startsWith("held: retry 1 of 4 in 1 min after 421: "));
        assertThat(status(deferred)).isEqualTo(MessageStatus.QUEUED);
        assertThat(jdbc.sql("select count(*) from platform.scheduled_tasks where task_name = 'outreach-redispatch' "
                + "and task_instance = :id").param("id", deferred.id().toString()).query(Integer.class).single())
                .as("a retry is scheduled").isEqualTo(1);

        var first = connections.create(company.ownerActor(), new dev.ridgeline.connections.ConnectionDraft(
                ConnectionType.EMAIL, "sandbox", "Office", Map.of("fromAddress", "office@guarded.example"), Map.of()));
        var second = connections.create(company.ownerActor(), new dev.ridgeline.connections.ConnectionDraft(
                ConnectionType.EMAIL, "sandbox", "Mike", Map.of("fromAddress", "mike@guarded.example"), Map.of()));
        OutboundMessage test = outreach.sendTestFrom(company.ownerActor(), second.id());
        await().atMost(Duration.ofSeconds(10)).until(() -> status(test) == MessageStatus.DELIVERED);
        assertThat(from(test)).isEqualTo("mike@guarded.example");
        assertThat(test.to()).isEqualTo(company.owner().email());
        OutboundMessage other = outreach.sendTestFrom(company.ownerActor(), first.id());
        await().atMost(Duration.ofSeconds(10)).until(() -> status(other) == MessageStatus.DELIVERED);
        assertThat(from(other)).isEqualTo("office@guarded.example");
        assertThatThrownBy(() -> outreach.sendTestFrom(company.ownerActor(), java.util.UUID.randomUUID()))
                .isInstanceOf(dev.ridgeline.platform.NotFoundException.class);
    }

    @Test
    void aSoftBounceIsSentAgainTwiceThenLeftBounced() {
        OutboundMessage full = send("full@example.com", "s1");
        await().atMost(Duration.ofSeconds(10)).until(() -> outreach.history(company.ownerActor(), full.id())
                .getLast().detail(), d -> d != null && d.startsWith("held: soft bounce 1 of 2: sent again in 4 h after "
                        + "4.2.2 "));
        assertThat(status(full)).isEqualTo(MessageStatus.QUEUED);
        assertThat(resendScheduledIn(full)).isBetween(Duration.ofHours(4).minusMinutes(1), Duration.ofHours(4));

        // The wait is over: sent again, bounced softly again, and given a last try a day later.
        makeDue(full);
        await().atMost(Duration.ofSeconds(15)).until(() -> outreach.history(company.ownerActor(), full.id())
                .getLast().detail(), d -> d != null && d.startsWith("held: soft bounce 2 of 2: sent again in 24 h"));
        assertThat(resendScheduledIn(full)).isBetween(Duration.ofHours(24).minusMinutes(1), Duration.ofHours(24));

        makeDue(full);
        await().atMost(Duration.ofSeconds(15)).until(() -> status(full) == MessageStatus.BOUNCED
                && outreach.history(company.ownerActor(), full.id()).stream()
                        .filter(h -> h.detail() != null && h.detail().startsWith("accepted by sandbox")).count() == 3);
        // Given up: bounced for good, nothing more scheduled, three soft bounces on record (all within minutes, not
        // spread over the three days that suppress the address).
        assertThat(jdbc.sql("select count(*) from platform.scheduled_tasks where task_name = 'outreach-redispatch' "
                + "and task_instance = :id").param("id", full.id().toString()).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from outreach.email_bounce where message_id = :id and not hard")
                .param("id", full.id()).query(Integer.class).single()).isEqualTo(3);
        assertThat(suppressions.find(company.id(), "full@example.com")).isEmpty();
    }

    private Duration resendScheduledIn(OutboundMessage m) {
        java.sql.Timestamp at = jdbc.sql("select execution_time from platform.scheduled_tasks "
                + "where task_name = 'outreach-redispatch' and task_instance = :id").param("id", m.id().toString())
                .query(java.sql.Timestamp.class).single();
        return Duration.between(clock.instant(), at.toInstant());
    }

    /**
     * The resend is made due now rather than waited for (the scheduler and the sandbox's callbacks run on the wall
     * clock, so the test clock is left alone).
     */
    private void makeDue(OutboundMessage m) {
        jdbc.sql("update platform.scheduled_tasks set execution_time = now() where task_name = 'outreach-redispatch' "
                + "and task_instance = :id").param("id", m.id().toString()).update();
    }

    private @org.jspecify.annotations.Nullable String paused() {
        return mailboxes.health(company.ownerActor()).getFirst().pausedReason();
    }

    private String from(OutboundMessage m) {
        return jdbc.sql("select from_address from outreach.message where id = :id").param("id", m.id())
                .query(String.class).single();
    }

    private OutboundMessage send(String to, String key) {
        return outreach.send(new SendRequest(company.id(), Channel.EMAIL, MessagePurpose.OUTREACH, to, "Roof check",
                "Free inspection this week.", key, null));
    }

    private MessageStatus status(OutboundMessage m) {
        return outreach.find(company.id(), m.id()).orElseThrow().status();
    }
}

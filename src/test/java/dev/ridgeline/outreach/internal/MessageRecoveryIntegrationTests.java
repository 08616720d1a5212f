package dev.ridgeline.outreach.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.outreach.Channel;
import dev.ridgeline.outreach.MessagePurpose;
import dev.ridgeline.outreach.OutboundMessage;
import dev.ridgeline.outreach.OutreachService;
import dev.ridgeline.outreach.SendRequest;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.RidgelineTest;

/**
 * What a node that stopped mid-send leaves behind is finished by the recovery sweep, never sent twice: a queued
 * message whose dispatch was lost goes out; a message claimed but never recorded as handed over is recorded as
 * accepted when the provider has it, and handed over again when it does not.
 */
@RidgelineTest
class MessageRecoveryIntegrationTests {

    @Autowired
    OutreachService outreach;

    @Autowired
    MessageDispatcher dispatcher;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    Fixtures.Company company;

    @BeforeEach
    void setUp() {
        company = new Fixtures(identity, jdbc).company("Recovery Roofing");
    }

    @Test
    void aClaimedMessageTheProviderHasIsRecordedNotSentAgain() {
        OutboundMessage m = handedOver("had@example.com");
        strand(m, "SENDING");
        dispatcher.recoverStranded();
        assertThat(handedAt(m)).as("recorded as handed over").isNotNull();
        assertThat(acceptances(m)).as("the provider was not handed it twice").isEqualTo(1);
        assertThat(jdbc.sql("select vendor_id from outreach.message where id = :m").param("m", m.id())
                .query(String.class).single()).isEqualTo("<" + m.id() + "@sandbox.ridgeline.test>");
    }

    @Test
    void aClaimedMessageTheProviderLacksIsHandedOverOnce() {
        OutboundMessage m = handedOver("lost@example.com");
        jdbc.sql("delete from outreach.sandbox_accepted where message_id = :m").param("m", m.id()).update();
        strand(m, "SENDING");
        dispatcher.recoverStranded();
        await().atMost(Duration.ofSeconds(10)).until(() -> acceptances(m) == 1 && handedAt(m) != null);
        assertThat(outreach.history(company.ownerActor(), m.id())).anySatisfy(h -> assertThat(h.detail())
                .isEqualTo("queued again: the app stopped while handing it to sandbox, which does not have it"));
    }

    @Test
    void aQueuedMessageWhoseDispatchWasLostGoesOutAndAFreshOneWaits() {
        OutboundMessage m = handedOver("queued@example.com");
        jdbc.sql("delete from outreach.sandbox_accepted where message_id = :m").param("m", m.id()).update();
        strand(m, "QUEUED");
        OutboundMessage fresh = handedOver("fresh@example.com");
        jdbc.sql("update outreach.message set status = 'QUEUED', handed_at = null where id = :m")
                .param("m", fresh.id()).update();
        dispatcher.recoverStranded();
        await().atMost(Duration.ofSeconds(10)).until(() -> acceptances(m) == 1);
        assertThat(acceptances(fresh)).as("queued a moment ago: its own dispatch is on the way").isEqualTo(1);
        assertThat(jdbc.sql("select status from outreach.message where id = :m").param("m", fresh.id())
                .query(String.class).single()).isEqualTo("QUEUED");
    }

    /** A message sent, accepted and delivered by the sandbox, as usual (its delivery reports all in). */
    private OutboundMessage handedOver(String to) {
        OutboundMessage m = outreach.send(new SendRequest(company.id(), Channel.EMAIL, MessagePurpose.NOTIFICATION, to,
                "Your inspection", "See you Tuesday at 10.", "recovery-" + UUID.randomUUID(), null));
        await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(jdbc.sql(
                "select status from outreach.message where id = :m").param("m", m.id()).query(String.class).single()));
        return m;
    }

    /** As a node that stopped leaves it: in a state, not handed over, untouched for ten minutes. */
    private void strand(OutboundMessage m, String status) {
        jdbc.sql("update outreach.message set status = :s, handed_at = null, updated_at = :at where id = :m")
                .param("s", status).param("at", Timestamp.from(clock.instant().minus(Duration.ofMinutes(10))))
                .param("m", m.id()).update();
    }

    private Timestamp handedAt(OutboundMessage m) {
        return jdbc.sql("select handed_at from outreach.message where id = :m").param("m", m.id())
                .query(Timestamp.class).optional().orElse(null);
    }

    private long acceptances(OutboundMessage m) {
        return jdbc.sql("select count(*) from outreach.sandbox_accepted where message_id = :m").param("m", m.id())
                .query(Long.class).single();
    }
}

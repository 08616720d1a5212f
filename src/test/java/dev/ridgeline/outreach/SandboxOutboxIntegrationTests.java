package dev.ridgeline.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.RidgelineTest;

/** The sandbox behaves like a vendor: stable ids, timed status callbacks, failures on request, never twice. */
@RidgelineTest
class SandboxOutboxIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    OutreachService outreach;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    Fixtures fixtures;
    Fixtures.Company company;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(identity, jdbc);
        company = fixtures.company("Outbox Roofing");
    }

    @Test
    void anEmailIsQueuedSentAndDelivered() {
        OutboundMessage m = send(Channel.EMAIL, "homeowner@example.com");
        assertThat(m.status()).isEqualTo(MessageStatus.QUEUED);
        OutboundMessage done = awaitStatus(m, MessageStatus.DELIVERED);
        assertThat(done.providerId()).isEqualTo("sandbox");
        assertThat(done.vendorId()).isEqualTo("<" + m.id() + "@sandbox.ridgeline.test>");
        assertThat(done.fromAddress()).isEqualTo("no-reply@sandbox.ridgeline.test");
        assertThat(history(done)).containsExactly(MessageStatus.QUEUED, MessageStatus.SENDING, MessageStatus.SENT,
                MessageStatus.DELIVERED);
    }

    @Test
    void aBounceAddressBouncesPermanently() {
        OutboundMessage done = awaitStatus(send(Channel.EMAIL, "bounce@example.com"), MessageStatus.BOUNCED);
        assertThat(done.failureClass()).isEqualTo(FailureClass.PERMANENT);
        assertThat(done.failureReason()).contains("does not exist");
    }

    @Test
    void anInvalidNumberIsRefusedWithTwiliosCode() {
        OutboundMessage done = awaitStatus(send(Channel.SMS, "+15005550001"), MessageStatus.FAILED);
        assertThat(done.failureCode()).isEqualTo("21211");
        assertThat(done.failureClass()).isEqualTo(FailureClass.PERMANENT);
        assertThat(done.vendorId()).isNull();
    }

    @Test
    void aThrottledSendIsTriedAgainLater() {
        OutboundMessage throttled = send(Channel.SMS, "+15005550008");
        await().atMost(Duration.ofSeconds(15)).until(() -> outreach.history(company.ownerActor(), throttled.id())
                .getLast().detail(), d -> d != null && d.startsWith("held: retry 1 of 4 in 1 min after 20429: "));
        assertThat(outreach.find(company.id(), throttled.id()).orElseThrow().status()).isEqualTo(MessageStatus.QUEUED);
    }

    @Test
    void aTextIsDeliveredWithATwilioShapedId() {
        OutboundMessage done = awaitStatus(send(Channel.SMS, "+16155550123"), MessageStatus.DELIVERED);
        assertThat(done.vendorId()).matches("SM[0-9a-f]{32}");
    }

    @Test
    void aCallRingsIsAnsweredAndCompletesWithItsLength() {
        OutboundMessage done = awaitStatus(send(Channel.VOICE, "+16155550123"), MessageStatus.COMPLETED);
        assertThat(done.durationSeconds()).isEqualTo(14);
        assertThat(history(done)).containsSubsequence(MessageStatus.RINGING, MessageStatus.IN_PROGRESS,
                MessageStatus.COMPLETED);
        assertThat(awaitStatus(send(Channel.VOICE, "+15005550011"), MessageStatus.BUSY).failureClass())
                .isEqualTo(FailureClass.RETRYABLE);
    }

    @Test
    void theSameIdempotencyKeyNeverSendsTwice() {
        String key = Fixtures.unique("once");
        SendRequest request = new SendRequest(company.id(), Channel.SMS, MessagePurpose.NOTIFICATION, "+16155550124",
                null, "Only once", key, company.owner().id());
        OutboundMessage first = outreach.send(request);
        OutboundMessage second = outreach.send(request);
        assertThat(second.id()).isEqualTo(first.id());
        awaitStatus(first, MessageStatus.DELIVERED);
        assertThat(jdbc.sql("select count(*) from outreach.message where idempotency_key = :k").param("k", key)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(history(first).stream().filter(s -> s == MessageStatus.SENDING).count()).isEqualTo(1);
    }

    @Test
    void lateOrRepeatedCallbacksDoNotMoveAMessageBack() {
        OutboundMessage done = awaitStatus(send(Channel.SMS, "+16155550125"), MessageStatus.DELIVERED);
        assertThat(outreach.recordStatus("sandbox", done.vendorId(), MessageStatus.SENT, null, null, "late")).isFalse();
        assertThat(outreach.recordStatus("sandbox", done.vendorId(), MessageStatus.DELIVERED, null, null, "again")).isFalse();
        assertThat(outreach.recordStatus("sandbox", "SMunknown", MessageStatus.DELIVERED, null, null, "?")).isFalse();
        assertThat(outreach.find(company.id(), done.id()).orElseThrow().status()).isEqualTo(MessageStatus.DELIVERED);
    }

    @Test
    void theOutboxPageAndApiShowMessagesButHideSignInCredentials() throws Exception {
        var rep = fixtures.user(company, dev.ridgeline.platform.Role.REP, "Remy Rep");
        String invitation = fixtures.lastMessageTo(rep.email());
        String token = Fixtures.linkToken(invitation);
        send(Channel.SMS, "+16155550126");
        var session = fixtures.signIn(mvc, company.owner());
        mvc.perform(get("/outbox").cookie(session)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("+16155550126")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(rep.email())))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(token))));
        UUID invitationId = jdbc.sql("select id from outreach.message where to_address = :to").param("to", rep.email())
                .query(UUID.class).single();
        mvc.perform(get("/outbox/" + invitationId).cookie(session)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("hidden: this message carries a sign-in link")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(token))));
    }

    @Test
    void theSandboxSignInInboxOpensOnlyFromThisMachine() throws Exception {
        var rep = fixtures.user(company, dev.ridgeline.platform.Role.REP, "Lou Loopback");
        String token = Fixtures.linkToken(fixtures.lastMessageTo(rep.email()));
        mvc.perform(get("/outbox/sign-in").with(r -> {
            r.setRemoteAddr("127.0.0.1");
            return r;
        })).andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString(token)));
        mvc.perform(get("/outbox/sign-in").with(r -> {
            r.setRemoteAddr("203.0.113.7");
            return r;
        })).andExpect(status().isNotFound());
    }

    private OutboundMessage send(Channel channel, String to) {
        return outreach.send(new SendRequest(company.id(), channel, MessagePurpose.NOTIFICATION, to,
                channel == Channel.EMAIL ? "Hello" : null, "Hello from the test", Fixtures.unique("t"),
                company.owner().id()));
    }

    private OutboundMessage awaitStatus(OutboundMessage m, MessageStatus status) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(
                () -> outreach.find(company.id(), m.id()).orElseThrow().status() == status);
        return outreach.find(company.id(), m.id()).orElseThrow();
    }

    private List<MessageStatus> history(OutboundMessage m) {
        return outreach.history(company.ownerActor(), m.id()).stream().map(StatusChange::status).toList();
    }
}

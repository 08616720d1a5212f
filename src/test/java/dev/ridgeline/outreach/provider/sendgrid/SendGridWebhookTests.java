package dev.ridgeline.outreach.provider.sendgrid;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.ResultActions;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.ridgeline.connections.ConnectionDraft;
import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.outreach.Channel;
import dev.ridgeline.outreach.EmailSuppressions;
import dev.ridgeline.outreach.MessagePurpose;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.OutboundMessage;
import dev.ridgeline.outreach.OutreachService;
import dev.ridgeline.outreach.SendRequest;
import dev.ridgeline.outreach.SuppressionReason;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.MutableClock;
import dev.ridgeline.test.RidgelineTest;

/**
 * A company sending through SendGrid (WireMock) and SendGrid's signed events posted to the webhook exactly as the
 * vendor sends them: raw JSON array, signature and timestamp headers, no cookie or sign-in.
 */
@RidgelineTest
class SendGridWebhookTests {

    static final WireMockServer api = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static KeyPair keys;

    @Autowired
    MockMvc mvc;

    @Autowired
    OutreachService outreach;

    @Autowired
    EmailSuppressions suppressions;

    @Autowired
    ConnectionsService connections;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    Fixtures.Company company;

    @BeforeAll
    static void start() throws Exception {
        api.start();
        keys = SendGridEmailProviderTests.ecKeys();
    }

    @AfterAll
    static void stop() {
        api.stop();
    }

    @BeforeEach
    void setUp() {
        api.resetAll();
        company = new Fixtures(identity, jdbc).company("Grid Roofing");
        connections.create(company.ownerActor(), new ConnectionDraft(ConnectionType.EMAIL, "sendgrid", "SendGrid",
                Map.of("fromAddress", "office@grid.test", "baseUrl", api.baseUrl(),
                        "webhookPublicKey", Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())),
                Map.of("apiKey", "SG.key")));
    }

    @Test
    void signedEventsMoveTheMessageAndSuppressBouncesOnce() throws Exception {
        OutboundMessage m = sent("pat@example.com", "14c5d75ce93.dfd.64b469");
        String delivered = "[{\"email\":\"pat@example.com\",\"event\":\"delivered\",\"sg_event_id\":\"ev1\","
                + "\"sg_message_id\":\"14c5d75ce93.dfd.64b469.filter0001\",\"timestamp\":" + now() + ","
                + "\"ridgeline_message_id\":\"" + m.id() + "\",\"response\":\"250 OK\"}]";
        deliver(delivered).andExpect(status().isOk());
        assertThat(outreach.find(company.id(), m.id()).orElseThrow().status()).isEqualTo(MessageStatus.DELIVERED);

        OutboundMessage other = sent("gone@example.com", "24c5d75ce93.dfd.64b469");
        String bounce = "[{\"email\":\"gone@example.com\",\"event\":\"bounce\",\"type\":\"bounce\",\"status\":\"5.1.1\","
                + "\"reason\":\"550 5.1.1 The email account that you tried to reach does not exist\","
                + "\"sg_event_id\":\"ev2\",\"timestamp\":" + now() + ",\"ridgeline_message_id\":\"" + other.id() + "\"},"
                + "{\"email\":\"pat@example.com\",\"event\":\"open\",\"sg_machine_open\":true,\"sg_event_id\":\"ev3\","
                + "\"timestamp\":" + now() + ",\"ridgeline_message_id\":\"" + m.id() + "\"}]";
        deliver(bounce).andExpect(status().isOk())
                .andExpect(r -> assertThat(r.getResponse().getContentAsString()).contains("applied 2"));
        assertThat(outreach.find(company.id(), other.id()).orElseThrow().status()).isEqualTo(MessageStatus.BOUNCED);
        assertThat(suppressions.find(company.id(), "gone@example.com")).hasValueSatisfying(
                s -> assertThat(s.reason()).isEqualTo(SuppressionReason.HARD_BOUNCE));
        assertThat(jdbc.sql("select machine from outreach.email_event where message_id = :m and kind = 'OPEN'")
                .param("m", m.id()).query(Boolean.class).single()).isTrue();
        // SendGrid redelivers at least once: the same events change nothing the second time.
        deliver(bounce).andExpect(r -> assertThat(r.getResponse().getContentAsString()).contains("duplicates 2"));
        assertThat(jdbc.sql("select count(*) from outreach.email_bounce where address = 'gone@example.com'")
                .query(Integer.class).single()).isEqualTo(1);

        String complaint = "[{\"email\":\"pat@example.com\",\"event\":\"spamreport\",\"sg_event_id\":\"ev4\","
                + "\"timestamp\":" + now() + ",\"ridgeline_message_id\":\"" + m.id() + "\"}]";
        deliver(complaint).andExpect(status().isOk());
        assertThat(suppressions.find(company.id(), "pat@example.com")).hasValueSatisfying(
                s -> assertThat(s.reason()).isEqualTo(SuppressionReason.COMPLAINT));
    }

    @Test
    void nothingUnsignedStaleOrTamperedIsBelieved() throws Exception {
        OutboundMessage m = sent("sam@example.com", "34c5d75ce93.dfd.64b469");
        String body = "[{\"email\":\"sam@example.com\",\"event\":\"bounce\",\"type\":\"bounce\",\"status\":\"5.1.1\","
                + "\"sg_event_id\":\"ev9\",\"timestamp\":" + now() + ",\"ridgeline_message_id\":\"" + m.id() + "\"}]";
        String ts = String.valueOf(now());
        mvc.perform(MockMvcRequestBuilders.post("/hooks/sendgrid/" + company.id().value())
                .contentType("application/json").content(body)).andExpect(status().isUnauthorized());
        mvc.perform(MockMvcRequestBuilders.post("/hooks/sendgrid/" + company.id().value())
                .contentType("application/json").content(body + " ")
                .header("X-Twilio-Email-Event-Webhook-Timestamp", ts)
                .header("X-Twilio-Email-Event-Webhook-Signature", SendGridEmailProviderTests.sign(keys, ts, body)))
                .andExpect(status().isUnauthorized());
        String old = String.valueOf(now() - 600);
        mvc.perform(MockMvcRequestBuilders.post("/hooks/sendgrid/" + company.id().value())
                .contentType("application/json").content(body)
                .header("X-Twilio-Email-Event-Webhook-Timestamp", old)
                .header("X-Twilio-Email-Event-Webhook-Signature", SendGridEmailProviderTests.sign(keys, old, body)))
                .andExpect(status().isUnauthorized());
        assertThat(suppressions.find(company.id(), "sam@example.com")).isEmpty();
        assertThat(outreach.find(company.id(), m.id()).orElseThrow().status()).isEqualTo(MessageStatus.SENT);
    }

    private OutboundMessage sent(String to, String vendorId) {
        api.stubFor(post(urlPathEqualTo("/v3/mail/send")).willReturn(aResponse().withStatus(202)
                .withHeader("X-Message-Id", vendorId)));
        OutboundMessage m = outreach.send(new SendRequest(company.id(), Channel.EMAIL, MessagePurpose.NOTIFICATION, to,
                "Your inspection", "Tuesday at 9.", "k-" + vendorId, null));
        return await().atMost(Duration.ofSeconds(10)).until(() -> outreach.find(company.id(), m.id()).orElseThrow(),
                x -> x.status() == MessageStatus.SENT);
    }

    private ResultActions deliver(String body) throws Exception {
        String ts = String.valueOf(now());
        return mvc.perform(MockMvcRequestBuilders.post("/hooks/sendgrid/" + company.id().value())
                .contentType("application/json").content(body.getBytes(StandardCharsets.UTF_8))
                .header("X-Twilio-Email-Event-Webhook-Timestamp", ts)
                .header("X-Twilio-Email-Event-Webhook-Signature", SendGridEmailProviderTests.sign(keys, ts, body)));
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}

package dev.ridgeline.outreach.provider.telnyx;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.ridgeline.connections.ConnectionDraft;
import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.outreach.Channel;
import dev.ridgeline.outreach.MessagePurpose;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.OutboundMessage;
import dev.ridgeline.outreach.OutreachService;
import dev.ridgeline.outreach.PhoneBlocks;
import dev.ridgeline.outreach.SendRequest;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.MutableClock;
import dev.ridgeline.test.RidgelineTest;

/**
 * Telnyx against WireMock with the v2 shapes, and its webhooks signed as Telnyx signs them (Ed25519 over
 * "timestamp|raw body" with an account key made for the test): sending, errors, delivery and inbound events, and
 * forged, modified, stale (replayed) and repeated requests.
 */
@RidgelineTest
class TelnyxContractTests {

    static final WireMockServer telnyx = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static KeyPair account;
    static KeyPair stranger;

    @Autowired
    MockMvc mvc;

    @Autowired
    OutreachService outreach;

    @Autowired
    ConnectionsService connections;

    @Autowired
    IdentityService identity;

    @Autowired
    PhoneBlocks blocks;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    Fixtures.Company company;

    @BeforeAll
    static void start() throws Exception {
        telnyx.start();
        account = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    @AfterAll
    static void stop() {
        telnyx.stop();
    }

    @BeforeEach
    void setUp() {
        telnyx.resetAll();
        company = new Fixtures(identity, jdbc).company("Telnyx Roofing");
        byte[] spki = account.getPublic().getEncoded();
        String raw = Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        connections.create(company.ownerActor(), new ConnectionDraft(ConnectionType.SMS, "telnyx", "Telnyx",
                Map.of("fromNumber", "+16155550200", "webhookPublicKey", raw, "baseUrl", telnyx.baseUrl()),
                Map.of("apiKey", "KEY0123456789")));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void sendsTheV2ShapeAndBelievesOnlySignedFreshEvents() throws Exception {
        telnyx.stubFor(WireMock.post("/v2/messages").willReturn(okJson("{\"data\":{\"record_type\":\"message\","
                + "\"direction\":\"outbound\",\"id\":\"40385f64-5717-4562-b3fc-2c963f66afa6\",\"type\":\"SMS\","
                + "\"to\":[{\"phone_number\":\"+16155550277\",\"status\":\"queued\"}],\"encoding\":\"GSM-7\","
                + "\"parts\":1,\"errors\":[]}}")));
        OutboundMessage m = send("+16155550277", "t-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> outreach.find(company.id(), m.id()).orElseThrow().vendorId() != null);
        telnyx.verify(postRequestedFor(urlEqualTo("/v2/messages"))
                .withHeader("Authorization", equalTo("Bearer KEY0123456789"))
                .withRequestBody(matchingJsonPath("$.from", equalTo("+16155550200")))
                .withRequestBody(matchingJsonPath("$.to", equalTo("+16155550277")))
                .withRequestBody(matchingJsonPath("$.text", equalTo("Your inspection is Tuesday at 9.")))
                .withRequestBody(matchingJsonPath("$.webhook_url",
                        equalTo("http://localhost/hooks/telnyx/" + company.id()))));

        String finalized = "{\"data\":{\"record_type\":\"event\",\"id\":\"e-1\",\"event_type\":\"message.finalized\","
                + "\"occurred_at\":\"2026-11-27T10:00:00.000Z\",\"payload\":{\"record_type\":\"message\","
                + "\"direction\":\"outbound\",\"id\":\"40385f64-5717-4562-b3fc-2c963f66afa6\",\"type\":\"SMS\","
                + "\"to\":[{\"phone_number\":\"+16155550277\",\"status\":\"delivered\"}],\"errors\":[]}},"
                + "\"meta\":{\"attempt\":1}}";
        long now = clock.instant().getEpochSecond();
        assertThat(hook(finalized, now, sign(stranger, now, finalized)).getResponse().getStatus()).as("forged")
                .isEqualTo(401);
        assertThat(hook(finalized.replace("delivered", "delivery_failed"), now, sign(account, now, finalized))
                .getResponse().getStatus()).as("modified").isEqualTo(401);
        long old = now - 600;
        assertThat(hook(finalized, old, sign(account, old, finalized)).getResponse().getContentAsString())
                .as("replayed ten minutes later").startsWith("stale");
        assertThat(mvc.perform(post("/hooks/telnyx/" + company.id()).contentType("application/json").content(finalized))
                .andReturn().getResponse().getStatus()).as("unsigned").isEqualTo(401);
        assertThat(outreach.find(company.id(), m.id()).orElseThrow().status()).isEqualTo(MessageStatus.SENDING);

        assertThat(hook(finalized, now, sign(account, now, finalized)).getResponse().getContentAsString())
                .isEqualTo("applied\n");
        assertThat(outreach.find(company.id(), m.id()).orElseThrow().status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(hook(finalized, now, sign(account, now, finalized)).getResponse().getContentAsString())
                .isEqualTo("duplicate\n");

        String stop = "{\"data\":{\"record_type\":\"event\",\"id\":\"e-2\",\"event_type\":\"message.received\","
                + "\"payload\":{\"record_type\":\"message\",\"direction\":\"inbound\",\"id\":\"in-1\",\"type\":\"SMS\","
                + "\"from\":{\"phone_number\":\"+16155550277\",\"line_type\":\"Wireless\"},"
                + "\"to\":[{\"phone_number\":\"+16155550200\",\"status\":\"delivered\"}],\"text\":\"STOP\"}}}";
        assertThat(hook(stop, now, sign(account, now, stop)).getResponse().getContentAsString()).isEqualTo("received\n");
        assertThat(blocks.find(company.id(), "+16155550277")).hasValueSatisfying(
                b -> assertThat(b.kind()).isEqualTo(PhoneBlocks.Kind.OPTED_OUT));
    }

    @Test
    void errorsAreActedOn() {
        telnyx.stubFor(WireMock.post("/v2/messages").withRequestBody(WireMock.containing("+16155550278"))
                .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[{\"code\":\"40300\",\"title\":\"Blocked due to STOP message\","
                                + "\"detail\":\"The recipient texted STOP.\"}]}")));
        telnyx.stubFor(WireMock.post("/v2/messages").withRequestBody(WireMock.containing("+16155550279"))
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[{\"code\":\"10011\",\"title\":\"Too many requests\"}]}")));
        OutboundMessage blocked = send("+16155550278", "t-2");
        await().atMost(Duration.ofSeconds(10)).until(() -> outreach.find(company.id(), blocked.id()).orElseThrow()
                .status() == MessageStatus.FAILED);
        assertThat(blocks.find(company.id(), "+16155550278")).hasValueSatisfying(
                b -> assertThat(b.kind()).isEqualTo(PhoneBlocks.Kind.OPTED_OUT));
        OutboundMessage limited = send("+16155550279", "t-3");
        await().atMost(Duration.ofSeconds(10)).until(() -> outreach.history(company.ownerActor(), limited.id())
                .getLast().detail(), d -> d != null && d.startsWith("held: retry 1 of 4"));
    }

    private static String sign(KeyPair keys, long timestamp, String body) throws Exception {
        Signature ed = Signature.getInstance("Ed25519");
        ed.initSign(keys.getPrivate());
        ed.update((timestamp + "|" + body).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(ed.sign());
    }

    private MvcResult hook(String body, long timestamp, String signature) throws Exception {
        return mvc.perform(post("/hooks/telnyx/" + company.id()).contentType("application/json").content(body)
                .header("telnyx-timestamp", String.valueOf(timestamp)).header("telnyx-signature-ed25519", signature))
                .andReturn();
    }

    private OutboundMessage send(String to, String key) {
        return outreach.send(new SendRequest(company.id(), Channel.SMS, MessagePurpose.NOTIFICATION, to, null,
                "Your inspection is Tuesday at 9.", key, null));
    }
}

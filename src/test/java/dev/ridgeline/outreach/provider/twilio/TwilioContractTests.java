package dev.ridgeline.outreach.provider.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

import dev.ridgeline.platform.TwilioSignature;
import dev.ridgeline.connections.ConnectionDraft;
import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.outreach.Channel;
import dev.ridgeline.outreach.FailureClass;
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
 * Twilio against WireMock with the documented request and answer shapes, and Twilio's webhooks posted exactly as
 * Twilio sends them (form fields, X-Twilio-Signature over the public URL and the fields): sending, error codes acted
 * on, delivery reports, forged, modified and replayed requests, and a homeowner texting "Stop texting me pls".
 */
@RidgelineTest
class TwilioContractTests {

    static final WireMockServer twilio = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static final String SID = "AC" + "0123456789abcdef".repeat(2);
    static final String TOKEN = "twilio-auth-token-for-tests";
    static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";

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
    dev.ridgeline.outreach.TextingRules rules;

    @Autowired
    dev.ridgeline.outreach.internal.CallbackJournal journal;

    @Autowired
    dev.ridgeline.outreach.DoNotCall doNotCall;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    Fixtures.Company company;

    @BeforeAll
    static void start() {
        twilio.start();
    }

    @AfterAll
    static void stop() {
        twilio.stop();
    }

    @BeforeEach
    void setUp() {
        twilio.resetAll();
        company = new Fixtures(identity, jdbc).company("Texting Roofing");
        connections.create(company.ownerActor(), new ConnectionDraft(ConnectionType.SMS, "twilio", "Twilio",
                Map.of("accountSid", SID, "fromNumber", "+16155550100", "baseUrl", twilio.baseUrl()),
                Map.of("authToken", TOKEN)));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void sendsWithTheDocumentedFieldsAndAppliesSignedDeliveryReportsOnce() throws Exception {
        twilio.stubFor(WireMock.post(MESSAGES).willReturn(okJson(created("SM" + "a".repeat(32), "2")).withStatus(201)));
        OutboundMessage m = awaitStatus(send(MessagePurpose.NOTIFICATION, "+16155550177", "n-1"), MessageStatus.SENDING,
                true);
        assertThat(m.vendorId()).isEqualTo("SM" + "a".repeat(32));
        assertThat(m.segments()).isEqualTo(2);
        var request = twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES))).getFirst();
        assertThat(request.getHeader("Authorization")).isEqualTo("Basic " + java.util.Base64.getEncoder()
                .encodeToString((SID + ":" + TOKEN).getBytes()));
        assertThat(dev.ridgeline.test.OAuthFlows.query(request.getBodyAsString())).containsEntry("To", "+16155550177")
                .containsEntry("From", "+16155550100").containsEntry("Body", "Your inspection is Tuesday at 9.")
                .containsEntry("StatusCallback", "http://localhost/hooks/twilio/status?company=" + company.id());

        Map<String, String> delivered = new LinkedHashMap<>(Map.of("MessageSid", m.vendorId(), "SmsSid", m.vendorId(),
                "MessageStatus", "delivered", "SmsStatus", "delivered", "AccountSid", SID, "From", "+16155550100",
                "To", "+16155550177", "ApiVersion", "2010-04-01"));
        String path = "/hooks/twilio/status?company=" + company.id();
        // Forged (another token), modified after signing, unsigned: refused, nothing recorded.
        assertThat(hook(path, delivered, TwilioSignature.sign("not-the-token", "http://localhost" + path,
                multi(delivered))).getResponse().getStatus()).isEqualTo(403);
        Map<String, String> tampered = new LinkedHashMap<>(delivered);
        String signature = TwilioSignature.sign(TOKEN, "http://localhost" + path, multi(delivered));
        tampered.put("MessageStatus", "undelivered");
        assertThat(hook(path, tampered, signature).getResponse().getStatus()).isEqualTo(403);
        assertThat(hook(path, delivered, null).getResponse().getStatus()).isEqualTo(403);
        assertThat(status(m)).isEqualTo(MessageStatus.SENDING);

        // Stored before the answer, applied just after.
        assertThat(hook(path, delivered, signature).getResponse().getContentAsString()).isEqualTo("stored\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> status(m) == MessageStatus.DELIVERED);
        int history = outreach.history(company.ownerActor(), m.id()).size();
        // Twilio retries: the same report again changes nothing.
        assertThat(hook(path, delivered, signature).getResponse().getContentAsString()).isEqualTo("stored\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> journal.backlog() == 0);
        assertThat(outreach.history(company.ownerActor(), m.id())).hasSize(history);
    }

    @Test
    void errorCodesAreActedOn() {
        twilio.stubFor(WireMock.post(MESSAGES).withRequestBody(WireMock.containing("To=%2B16155550101"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":21211,\"message\":\"The 'To' number +16155550101 is not a valid phone "
                                + "number.\",\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}")));
        twilio.stubFor(WireMock.post(MESSAGES).withRequestBody(WireMock.containing("To=%2B16155550102"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":21610,\"message\":\"Attempt to send to unsubscribed recipient\","
                                + "\"status\":400}")));
        twilio.stubFor(WireMock.post(MESSAGES).withRequestBody(WireMock.containing("To=%2B16155550103"))
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}")));
        OutboundMessage invalid = awaitStatus(send(MessagePurpose.NOTIFICATION, "+16155550101", "e-1"),
                MessageStatus.FAILED, false);
        assertThat(invalid.failureCode()).isEqualTo("21211");
        assertThat(invalid.failureClass()).isEqualTo(FailureClass.PERMANENT);
        assertThat(blocks.find(company.id(), "+16155550101")).hasValueSatisfying(
                b -> assertThat(b.kind()).isEqualTo(PhoneBlocks.Kind.UNUSABLE));
        awaitStatus(send(MessagePurpose.NOTIFICATION, "+16155550102", "e-2"), MessageStatus.FAILED, false);
        assertThat(blocks.find(company.id(), "+16155550102")).hasValueSatisfying(
                b -> assertThat(b.kind()).isEqualTo(PhoneBlocks.Kind.OPTED_OUT));
        OutboundMessage throttled = send(MessagePurpose.NOTIFICATION, "+16155550103", "e-3");
        await().atMost(Duration.ofSeconds(10)).until(() -> outreach.history(company.ownerActor(), throttled.id())
                .getLast().detail(), d -> d != null && d.startsWith("held: retry 1 of 4 in 1 min after 20429"));
    }

    @Test
    void aHomeownerWhoTextsStopTextingMePlsGetsNoMoreMarketing() throws Exception {
        String phone = "+16155550188";
        consentingContact(phone);
        atNoonInNashville();
        twilio.stubFor(WireMock.post(MESSAGES).willReturn(okJson(created("SM" + "b".repeat(32), "1")).withStatus(201)));
        OutboundMessage offer = awaitStatus(send(MessagePurpose.OUTREACH, phone, "m-1"), MessageStatus.SENDING, true);
        String statusPath = "/hooks/twilio/" + company.id() + "/status";
        Map<String, String> delivered = Map.of("MessageSid", offer.vendorId(), "MessageStatus", "delivered",
                "AccountSid", SID, "To", phone, "From", "+16155550100");
        hook(statusPath, delivered, TwilioSignature.sign(TOKEN, "http://localhost" + statusPath, multi(delivered)));
        await().atMost(Duration.ofSeconds(5)).until(() -> status(offer) == MessageStatus.DELIVERED);

        String inboundPath = "/hooks/twilio/" + company.id() + "/inbound";
        Map<String, String> stop = new LinkedHashMap<>(Map.of("MessageSid", "SM" + "c".repeat(32), "AccountSid", SID,
                "From", phone, "To", "+16155550100", "Body", "Stop texting me pls", "NumMedia", "0",
                "NumSegments", "1", "SmsStatus", "received", "ApiVersion", "2010-04-01"));
        stop.put("FromState", "TN");
        MvcResult answer = hook(inboundPath, stop, TwilioSignature.sign(TOKEN, "http://localhost" + inboundPath,
                multi(stop)));
        assertThat(answer.getResponse().getContentAsString()).endsWith("<Response/>");
        assertThat(blocks.find(company.id(), phone)).hasValueSatisfying(b -> {
            assertThat(b.kind()).isEqualTo(PhoneBlocks.Kind.OPTED_OUT);
            assertThat(b.body()).isEqualTo("Stop texting me pls");
        });
        // One confirmation, and the contact's ledger says so for texts and calls.
        assertThat(jdbc.sql("select body from outreach.message where to_address = :p and purpose = 'NOTIFICATION'")
                .param("p", phone).query(String.class).list()).singleElement().asString()
                .contains("you are unsubscribed").contains("Reply START");
        assertThat(jdbc.sql("select channel from property.consent where tenant_id = :t and kind = 'OPT_OUT' order by channel")
                .param("t", company.id().value()).query(String.class).list()).containsExactly("CALL", "SMS");
        assertThat(jdbc.sql("select reason from outreach.suppression where tenant_id = :t and address = 'pat.jones@example.com'")
                .param("t", company.id().value()).query(String.class).list()).as("the company's default: a stop by "
                + "text stops email too").containsExactly("UNSUBSCRIBED");
        // Said twice: still one confirmation.
        stop.put("MessageSid", "SM" + "d".repeat(32));
        hook(inboundPath, stop, TwilioSignature.sign(TOKEN, "http://localhost" + inboundPath, multi(stop)));
        assertThat(jdbc.sql("select count(*) from outreach.message where to_address = :p and purpose = 'NOTIFICATION'")
                .param("p", phone).query(Integer.class).single()).isEqualTo(1);

        OutboundMessage next = awaitStatus(send(MessagePurpose.OUTREACH, phone, "m-2"), MessageStatus.FAILED, false);
        assertThat(next.failureCode()).isEqualTo("opted-out");
        assertThat(next.failureReason()).startsWith("not sent: " + phone + " opted out (replied by text via twilio: "
                + "\"Stop texting me pls\")");
        assertThat(twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES))).stream()
                .filter(r -> r.getBodyAsString().contains("Body=Free")).count()).as("one marketing text went out").isEqualTo(1);
        var session = new Fixtures(identity, jdbc).signIn(mvc, company.owner());
        assertThat(mvc.perform(get("/outbox/" + next.id()).cookie(session)).andReturn().getResponse()
                .getContentAsString()).contains("opted out (replied by text via twilio");
    }

    @Test
    void picturesSentByTextAreFetchedWithTheAccountsCredentialsAndShownInTheConversation() throws Exception {
        String phone = "+16155550166";
        String media = "/2010-04-01/Accounts/" + SID + "/Messages/MM" + "e".repeat(32) + "/Media/ME" + "f".repeat(32);
        byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 1, 2, 3, 4, (byte) 0xff, (byte) 0xd9};
        // Twilio answers the media URL with a redirect to its content store, which must not see the credentials.
        twilio.stubFor(WireMock.get(media).withBasicAuth(SID, TOKEN)
                .willReturn(aResponse().withStatus(307).withHeader("Location", "/content/leak.jpg")));
        twilio.stubFor(WireMock.get("/content/leak.jpg").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withBody(jpeg)));
        String inboundPath = "/hooks/twilio/" + company.id() + "/inbound";
        Map<String, String> mms = new LinkedHashMap<>(Map.of("MessageSid", "MM" + "e".repeat(32), "AccountSid", SID,
                "From", phone, "To", "+16155550100", "Body", "Water coming through the ceiling", "NumMedia", "2",
                "MediaUrl0", twilio.baseUrl() + media, "MediaContentType0", "image/jpeg",
                "MediaUrl1", "https://files.example.net/not-twilio.jpg", "MediaContentType1", "image/jpeg"));
        hook(inboundPath, mms, TwilioSignature.sign(TOKEN, "http://localhost" + inboundPath, multi(mms)));

        UUID reply = jdbc.sql("select id from outreach.inbound_message where tenant_id = :t and from_address = :p")
                .param("t", company.id().value()).param("p", phone).query(UUID.class).single();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                select count(*) from outreach.inbound_media where tenant_id = :t and reply_id = :r and status <> 'PENDING'""")
                .param("t", company.id().value()).param("r", reply).query(Integer.class).single() == 2);
        assertThat(twilio.findAll(WireMock.getRequestedFor(urlEqualTo("/content/leak.jpg"))))
                .singleElement().satisfies(r -> assertThat(r.containsHeader("Authorization")).isFalse());
        assertThat(jdbc.sql("""
                select status || ' ' || coalesce(error, '') from outreach.inbound_media where reply_id = :r order by position""")
                .param("r", reply).query(String.class).list()).containsExactly("STORED ",
                "FAILED Twilio media address 'https://files.example.net/not-twilio.jpg' is not under " + twilio.baseUrl()
                        + "/2010-04-01/Accounts/");
        assertThat(jdbc.sql("select body from outreach.inbound_message where id = :r").param("r", reply)
                .query(String.class).single()).isEqualTo("Water coming through the ceiling");

        var session = new Fixtures(identity, jdbc).signIn(mvc, company.owner());
        var picture = mvc.perform(get("/inbox/" + reply + "/media/0").cookie(session)).andReturn().getResponse();
        assertThat(picture.getStatus()).isEqualTo(200);
        assertThat(picture.getContentType()).isEqualTo("image/jpeg");
        assertThat(picture.getContentAsByteArray()).isEqualTo(jpeg);
        assertThat(mvc.perform(get("/inbox/" + reply + "/media/1").cookie(session)).andReturn().getResponse()
                .getStatus()).as("the refused one has no bytes").isEqualTo(404);
        assertThat(mvc.perform(get("/inbox/" + reply).cookie(session)).andReturn().getResponse().getContentAsString())
                .contains("<img src=\"/inbox/" + reply + "/media/0\"")
                .contains("could not be fetched: Twilio media address");
    }

    @Test
    void aCompanyCanKeepAStopByTextToTexts() throws Exception {
        rules.save(company.ownerActor(), null, null, false);
        String phone = "+16155550177";
        consentingContact(phone);
        String inboundPath = "/hooks/twilio/" + company.id() + "/inbound";
        Map<String, String> stop = Map.of("MessageSid", "SM" + "9".repeat(32), "AccountSid", SID, "From", phone,
                "To", "+16155550100", "Body", "STOP", "NumMedia", "0");
        hook(inboundPath, stop, TwilioSignature.sign(TOKEN, "http://localhost" + inboundPath, multi(stop)));
        assertThat(blocks.find(company.id(), phone)).hasValueSatisfying(
                b -> assertThat(b.kind()).isEqualTo(PhoneBlocks.Kind.OPTED_OUT));
        assertThat(jdbc.sql("select channel from property.consent where tenant_id = :t and kind = 'OPT_OUT'")
                .param("t", company.id().value()).query(String.class).list()).containsExactly("SMS");
        assertThat(jdbc.sql("select count(*) from outreach.suppression where tenant_id = :t")
                .param("t", company.id().value()).query(Integer.class).single()).as("email goes on").isZero();
    }

    @Test
    void marketingTextsNeedWrittenConsentAndWaitForCallingHours() {
        String phone = "+16155550199";
        twilio.stubFor(WireMock.post(MESSAGES).willReturn(okJson(created("SM" + "e".repeat(32), "1")).withStatus(201)));
        atNoonInNashville();
        OutboundMessage refused = awaitStatus(send(MessagePurpose.OUTREACH, phone, "c-1"), MessageStatus.FAILED, false);
        assertThat(refused.failureCode()).isEqualTo("no-consent");
        consentingContact(phone);
        // Half past eleven at night (or half past midnight in summer) in Nashville: held until 8:00, not sent.
        clock.reset();
        Instant lateEvening = nextUtc(5, 30);
        clock.advance(Duration.between(clock.instant(), lateEvening));
        OutboundMessage late = send(MessagePurpose.OUTREACH, phone, "c-2");
        await().atMost(Duration.ofSeconds(10)).until(() -> outreach.history(company.ownerActor(), late.id()).getLast()
                .detail(), d -> d != null && d.startsWith("held: outside calling hours in the recipient's time "
                        + "(America/Chicago, TN); sends at " + eightInTheMorning(lateEvening)));
        assertThat(twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES)))).isEmpty();

        // Asked at the door not to be contacted: the company's own do-not-call list beats the written consent.
        atNoonInNashville();
        doNotCall.add(company.ownerActor(), "(615) 555-0199", "asked at the door");
        OutboundMessage listed = awaitStatus(send(MessagePurpose.OUTREACH, phone, "c-3"), MessageStatus.FAILED, false);
        assertThat(listed.failureReason()).isEqualTo("not sent: " + phone + " is on the company's do-not-call list");
    }

    private static Instant eightInTheMorning(Instant after) {
        var local = after.atZone(java.time.ZoneId.of("America/Chicago"));
        var eight = local.toLocalDate().atTime(8, 0).atZone(local.getZone());
        return (eight.toInstant().isAfter(after) ? eight : eight.plusDays(1)).toInstant();
    }

    @Test
    void theCompanysOwnHoursNarrowTheLaws() {
        String phone = "+16155550166";
        consentingContact(phone);
        atNoonInNashville();
        rules.save(company.ownerActor(), "14:00", "17:00", true);
        assertThatThrownBy(() -> rules.save(company.ownerActor(), "17:00", "9:00", true))
                .isInstanceOf(dev.ridgeline.platform.InvalidInputException.class);
        OutboundMessage held = send(MessagePurpose.OUTREACH, phone, "h-1");
        var local = clock.instant().atZone(java.time.ZoneId.of("America/Chicago"));
        Instant two = local.toLocalDate().atTime(14, 0).atZone(local.getZone()).toInstant();
        await().atMost(Duration.ofSeconds(10)).until(() -> outreach.history(company.ownerActor(), held.id()).getLast()
                .detail(), d -> d != null && d.endsWith("sends at " + two));
        assertThat(twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES)))).isEmpty();
        jdbc.sql("update outreach.message set status = 'FAILED' where id = :id").param("id", held.id()).update();
    }

    @Test
    void aSenderIsKeptToItsThroughputAndTextsOverItWaitTheirTurn() {
        connections.create(company.ownerActor(), new ConnectionDraft(ConnectionType.SMS, "twilio", "Slow sender",
                Map.of("accountSid", SID, "fromNumber", "+16155550101", "baseUrl", twilio.baseUrl(),
                        "messagesPerMinute", "2"), Map.of("authToken", TOKEN)));
        var slow = connections.list(company.ownerActor()).stream().filter(c -> c.name().equals("Slow sender"))
                .findFirst().orElseThrow();
        connections.activate(company.ownerActor(), slow.id());
        twilio.stubFor(WireMock.post(MESSAGES).willReturn(okJson(created("SM{{randomValue length=32 type='HEXADECIMAL'}}",
                "1")).withStatus(201).withTransformers("response-template")));
        List<OutboundMessage> sent = List.of(send(MessagePurpose.NOTIFICATION, "+16155550150", "p-1"),
                send(MessagePurpose.NOTIFICATION, "+16155550151", "p-2"),
                send(MessagePurpose.NOTIFICATION, "+16155550152", "p-3"));
        await().atMost(Duration.ofSeconds(10)).until(() -> sent.stream().filter(m -> outreach.history(
                company.ownerActor(), m.id()).getLast().detail() != null && outreach.history(company.ownerActor(),
                m.id()).getLast().detail().startsWith("held: paced: the sender sends 2 texts a minute")).count() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES))).size()
                == 1);
        assertThat(sent.stream().map(m -> jdbc.sql("select paced_until from outreach.message where id = :id")
                .param("id", m.id()).query(java.sql.Timestamp.class).optional()).filter(java.util.Optional::isPresent)
                .count()).as("the two waiting keep their moments").isEqualTo(2);
        // They would go in 30 and 60 seconds; this test stops here (so they do not reach the next test's stub).
        jdbc.sql("update outreach.message set status = 'FAILED' where tenant_id = :t and status = 'QUEUED'")
                .param("t", company.id().value()).update();
    }

    private void consentingContact(String phone) {
        new Fixtures(identity, jdbc).homeWithOwner(company, "1412 Elm Hill Pike", phone, "pat.jones@example.com");
    }

    /** Moves the clock to the next 18:00 UTC: noon in Nashville in winter, 13:00 in summer. */
    private void atNoonInNashville() {
        clock.advance(Duration.between(clock.instant(), nextUtc(18, 0)));
    }

    private Instant nextUtc(int hour, int minute) {
        Instant now = clock.instant();
        Instant at = now.atZone(ZoneOffset.UTC).toLocalDate().atTime(hour, minute).toInstant(ZoneOffset.UTC);
        return at.isAfter(now) ? at : at.plus(1, ChronoUnit.DAYS);
    }

    private MvcResult hook(String path, Map<String, String> params, String signature) throws Exception {
        var request = post(path).contentType("application/x-www-form-urlencoded");
        params.forEach(request::param);
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return mvc.perform(request).andReturn();
    }

    private static Map<String, List<String>> multi(Map<String, String> params) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        params.forEach((k, v) -> m.put(k, List.of(v)));
        return m;
    }

    private static String created(String sid, String segments) {
        return "{\"sid\":\"" + sid + "\",\"account_sid\":\"" + SID + "\",\"status\":\"queued\",\"num_segments\":\""
                + segments + "\",\"direction\":\"outbound-api\",\"price\":null,\"error_code\":null}";
    }

    private OutboundMessage send(MessagePurpose purpose, String to, String key) {
        String body = purpose == MessagePurpose.OUTREACH ? "Free roof check after the hail? Reply YES."
                : "Your inspection is Tuesday at 9.";
        return outreach.send(new SendRequest(company.id(), Channel.SMS, purpose, to, null, body, key, null));
    }

    private OutboundMessage awaitStatus(OutboundMessage m, MessageStatus s, boolean handed) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            OutboundMessage now = outreach.find(company.id(), m.id()).orElseThrow();
            return now.status() == s && (!handed || now.vendorId() != null);
        });
        return outreach.find(company.id(), m.id()).orElseThrow();
    }

    private MessageStatus status(OutboundMessage m) {
        return outreach.find(company.id(), m.id()).orElseThrow().status();
    }
}

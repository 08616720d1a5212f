package dev.ridgeline.voice;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.ridgeline.connections.ConnectionDraft;
import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.leads.LeadStage;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.leads.NewLead;
import dev.ridgeline.outreach.PhoneBlocks;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.TwilioSignature;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.RidgelineTest;
import dev.ridgeline.voice.agent.QualificationAgent;
import dev.ridgeline.voice.internal.Twiml;

/**
 * AI calls through the application: asked for from a lead, carried by Twilio's webhooks (every one signed; a forged
 * or unsigned one refused, a replayed turn answered the same and applied once, a turn from the future refused), every
 * TwiML document made of the documented verbs and attributes, and the outcome applied when the call ends: an
 * inspection booked on the calendar with the lead moved, the timeline told and a confirmation text queued; an
 * opt-out recorded everywhere.
 */
@RidgelineTest
@RecordApplicationEvents
class VoiceCallIntegrationTests {

    static final String SID = "AC" + "0123456789abcdef0123456789abcdef";
    static final String TOKEN = "voice-token-1";
    static final WireMockServer twilio = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @Autowired
    VoiceService voice;

    @Autowired
    ClickToCall clickToCall;

    @Autowired
    CallFigures figures;

    @Autowired
    LeadsService leads;

    @Autowired
    IdentityService identity;

    @Autowired
    ConnectionsService connections;

    @Autowired
    PhoneBlocks blocks;

    @Autowired
    dev.ridgeline.outreach.OutreachService outreach;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationEvents events;

    Fixtures.Company company;
    UUID lead;
    String phone;

    @BeforeAll
    static void startTwilio() {
        twilio.start();
    }

    @AfterAll
    static void stopTwilio() {
        twilio.stop();
    }

    /** The sid Twilio gives this test's call: its own, as the outreach channel keeps vendor ids unique. */
    String callSid;

    @BeforeEach
    void setUp() {
        callSid = "CA" + UUID.randomUUID().toString().replace("-", "");
        twilio.stubFor(WireMock.post(WireMock.urlMatching("/2010-04-01/Accounts/.*/Calls.json")).willReturn(okJson(
                "{\"sid\":\"" + callSid + "\",\"status\":\"queued\"}").withStatus(201)));
        Fixtures fixtures = new Fixtures(identity, jdbc);
        company = fixtures.company(Fixtures.unique("Calling Roofing"));
        phone = "+1615555" + String.format("%04d", (int) (Math.random() * 10_000));
        UUID home = fixtures.homeWithOwner(company, "2210 Elm Hill Pike", phone, "pat@example.com");
        jdbc.sql("""
                insert into property.consent (tenant_id, id, contact_id, channel, granted, kind, source, given_at,
                  text_shown, ip, recorded_at)
                select tenant_id, gen_random_uuid(), id, 'CALL', true, 'EXPRESS_WRITTEN', 'storm-check form', now(),
                  'You may call me about my roof, including automated calls.', '203.0.113.7', now()
                from property.contact where tenant_id = :t and property_id = :p""")
                .param("t", company.id().value()).param("p", home).update();
        lead = leads.createForHome(company.ownerActor(), new NewLead("2210 Elm Hill Pike", "Nashville", "TN", "37210",
                "Pat Jones", 36.1627, -86.7816, null, null), home).id();
    }

    void connectTwilio() {
        connections.create(company.ownerActor(), new ConnectionDraft(ConnectionType.VOICE, "twilio", "Twilio calls",
                Map.of("accountSid", SID, "fromNumber", "+16155550100", "baseUrl", twilio.baseUrl()),
                Map.of("authToken", TOKEN)));
    }

    MvcResult hook(String path, Map<String, String> params, String signature) throws Exception {
        var request = post(path).contentType("application/x-www-form-urlencoded");
        params.forEach(request::param);
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return mvc.perform(request).andReturn();
    }

    String signed(String path, Map<String, String> params) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        params.forEach((k, v) -> multi.put(k, List.of(v)));
        return TwilioSignature.sign(TOKEN, "http://localhost" + path, multi);
    }

    MvcResult signedHook(String path, Map<String, String> params) throws Exception {
        return hook(path, params, signed(path, params));
    }

    /** The TwiML's elements and attributes are all documented ones; returns the document's text content. */
    static String checkTwiml(String xml) throws Exception {
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("Response");
        walk(root);
        return root.getTextContent();
    }

    static void walk(Element e) {
        assertThat(Twiml.ALLOWED).as("verb <%s>", e.getTagName()).containsKey(e.getTagName());
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            assertThat(Twiml.ALLOWED.get(e.getTagName())).as("attribute %s of <%s>", attrs.item(i).getNodeName(),
                    e.getTagName()).contains(attrs.item(i).getNodeName());
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                walk(child);
            }
        }
    }

    @Test
    void aTwilioCallIsSignedTurnByTurnAndEndsWithAnInspectionBooked() throws Exception {
        connectTwilio();
        VoiceCall call = voice.callLead(company.ownerActor(), lead);
        assertThat(call.status()).isIn("queued", "failed");
        String base = "/hooks/voice/" + company.id().value() + "/" + call.messageId();
        Map<String, String> answered = Map.of("CallSid", callSid, "AccountSid", SID, "From",
                "+16155550100", "To", phone, "CallStatus", "in-progress", "Direction", "outbound-api");

        // Forged, unsigned, or signed for another address: refused, nothing said.
        assertThat(hook(base + "/start", answered, TwilioSignature.sign("not-the-token", "http://localhost" + base
                + "/start", Map.of())).getResponse().getStatus()).isEqualTo(403);
        assertThat(hook(base + "/start", answered, null).getResponse().getStatus()).isEqualTo(403);
        assertThat(hook(base + "/start", answered, signed(base + "/status", answered)).getResponse().getStatus())
                .isEqualTo(403);
        assertThat(voice.call(company.ownerActor(), call.id()).turn()).isZero();

        MvcResult start = signedHook(base + "/start", answered);
        assertThat(start.getResponse().getContentType()).startsWith("text/xml");
        String opening = checkTwiml(start.getResponse().getContentAsString());
        assertThat(opening).startsWith("Hi, this is Ava, an automated assistant calling for Calling Roofing")
                .contains("Am I speaking with Pat, the homeowner?");
        assertThat(start.getResponse().getContentAsString()).contains("input=\"speech\"")
                .contains("action=\"http://localhost" + base + "/turn?n=1\"").contains("actionOnEmptyResult=\"true\"")
                .contains("<Hangup/>");

        String[] said = {"Yes, speaking", "about 20 years", "no", "yes, a few shingles blew off", "not yet",
                "the first one"};
        String last = null;
        for (int i = 0; i < said.length; i++) {
            String path = base + "/turn?n=" + (i + 1);
            Map<String, String> speech = new LinkedHashMap<>(answered);
            speech.put("SpeechResult", said[i]);
            speech.put("Confidence", "0.92");
            MvcResult r = signedHook(path, speech);
            assertThat(r.getResponse().getStatus()).as("turn %d: %s", i + 1, r.getResponse().getContentAsString())
                    .isEqualTo(200);
            last = r.getResponse().getContentAsString();
            checkTwiml(last);
            if (i == 0) {
                // Twilio sends the same turn again: the same words, and the dialogue does not move twice.
                assertThat(signedHook(path, speech).getResponse().getContentAsString()).isEqualTo(last);
                assertThat(voice.call(company.ownerActor(), call.id()).turn()).isEqualTo(2);
                Map<String, String> future = new LinkedHashMap<>(speech);
                assertThat(signedHook(base + "/turn?n=7", future).getResponse().getStatus()).isEqualTo(409);
                assertThat(last).contains("Roughly how old is your roof?").contains("/turn?n=2");
            }
        }
        assertThat(last).contains("You're booked for a free roof inspection on").contains("<Hangup/>")
                .doesNotContain("<Gather");

        VoiceCall done = voice.call(company.ownerActor(), call.id());
        assertThat(done.ended()).isTrue();
        assertThat(done.outcome().result()).isEqualTo(QualificationAgent.Result.BOOKED);
        assertThat(done.outcome().qualified()).isTrue();
        assertThat(done.summary()).startsWith("AI call: Inspection booked; qualified; roof about 20 years old; no leaks; "
                + "damage noticed; no claim yet; inspection booked for ");
        assertThat(done.transcript()).hasSize(13);
        assertThat(leads.get(company.ownerActor(), lead).stage()).isEqualTo(LeadStage.INSPECTION_BOOKED);
        assertThat(leads.timeline(company.ownerActor(), lead)).anyMatch(a -> a.text().startsWith("AI call: Inspection "
                + "booked"));
        assertThat(jdbc.sql("select count(*) from voice.appointment where tenant_id = :t and lead_id = :l")
                .param("t", company.id().value()).param("l", lead).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("""
                select count(*) from outreach.message where tenant_id = :t and channel = 'SMS' and to_address = :p
                  and body like '%free roof inspection is booked for%'""")
                .param("t", company.id().value()).param("p", phone).query(Integer.class).single()).isEqualTo(1);
        assertThat(events.stream(CallCompleted.class)).singleElement().satisfies(e -> {
            assertThat(e.result()).isEqualTo("BOOKED");
            assertThat(e.claimFiled()).isFalse();
        });

        // The reports after the call: machine detection, the end and the recording, all signed.
        assertThat(signedHook(base + "/amd", Map.of("CallSid", callSid, "AccountSid", SID,
                "AnsweredBy", "human", "MachineDetectionDuration", "2100")).getResponse().getStatus()).isEqualTo(200);
        assertThat(signedHook(base + "/recording", Map.of("CallSid", callSid, "AccountSid", SID,
                "RecordingSid", "RE" + "1".repeat(32), "RecordingUrl", twilio.baseUrl() + "/2010-04-01/Accounts/" + SID
                        + "/Recordings/RE" + "1".repeat(32), "RecordingStatus", "completed", "RecordingDuration", "94",
                "RecordingChannels", "2", "RecordingSource", "OutboundAPI")).getResponse().getStatus()).isEqualTo(200);
        VoiceCall reported = voice.call(company.ownerActor(), call.id());
        assertThat(reported.answeredBy()).isEqualTo("human");
        assertThat(reported.recorded()).isTrue();
        assertThat(reported.recordingSeconds()).isEqualTo(94);
        assertThat(hook(base + "/recording", Map.of("RecordingStatus", "completed"), null).getResponse().getStatus())
                .isEqualTo(403);
    }

    @Test
    void inTheSandboxAPersonPlaysTheHomeownerAndAnOptOutIsRecordedEverywhere() {
        VoiceCall call = voice.callLead(company.ownerActor(), lead);
        assertThat(call.provider()).isEqualTo("sandbox");
        assertThatThrownBy(() -> voice.callLead(company.ownerActor(), lead)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("already under way");
        voice.progress(company.id(), call.id(), "in-progress");
        assertThat(voice.open(company.id(), call.id()).say()).contains("automated assistant");
        assertThat(voice.open(company.id(), call.id()).say()).as("opened once").contains("automated assistant");
        QualificationAgent.Reply r = voice.hear(company.id(), call.id(), 1, "Stop calling me", true);
        assertThat(r.done()).isTrue();
        assertThat(blocks.find(company.id(), phone)).hasValueSatisfying(b -> {
            assertThat(b.kind()).isEqualTo(PhoneBlocks.Kind.OPTED_OUT);
            assertThat(b.body()).isEqualTo("Stop calling me");
        });
        VoiceCall done = voice.call(company.ownerActor(), call.id());
        assertThat(done.summary()).isEqualTo("AI call: Asked not to be called again; not qualified; said \"Stop calling "
                + "me\"; number opted out of every channel.");
        assertThat(done.transcript().get(1).text()).isEqualTo("Stop calling me (interrupting)");
        assertThatThrownBy(() -> voice.hear(company.id(), call.id(), 2, "hello?", false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("the call has ended");
    }

    @Test
    void aCallThatIsNeverAnsweredOrHasNoNumberSaysSo() {
        VoiceCall call = voice.callLead(company.ownerActor(), lead);
        voice.progress(company.id(), call.id(), "ringing");
        voice.progress(company.id(), call.id(), "no-answer");
        VoiceCall done = voice.call(company.ownerActor(), call.id());
        assertThat(done.status()).isEqualTo("no-answer");
        assertThat(done.ended()).isTrue();
        assertThat(leads.timeline(company.ownerActor(), lead)).anyMatch(a -> a.text().equals("AI call not answered "
                + "(no answer)"));
        UUID bare = leads.create(company.ownerActor(), new NewLead("9 Nowhere Rd", "Nashville", "TN", "37210", null,
                null, null, null, null)).id();
        assertThatThrownBy(() -> voice.callLead(company.ownerActor(), bare)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not linked to a home");
    }

    /** A machine's greeting ends with a beep: the company's message is left on the live call, and the call ends. */
    @Test
    void atTheBeepTheVoicemailIsLeftOnTheLiveCall() throws Exception {
        connectTwilio();
        VoiceCall call = voice.callLead(company.ownerActor(), lead);
        String callSid = "CA" + "e".repeat(32);
        jdbc.sql("""
                update outreach.message set vendor_id = :sid, provider_id = 'twilio', status = 'IN_PROGRESS'
                where tenant_id = :t and id = :m""")
                .param("sid", callSid).param("t", company.id().value()).param("m", call.messageId()).update();
        twilio.stubFor(WireMock.post(WireMock.urlEqualTo("/2010-04-01/Accounts/" + SID + "/Calls/" + callSid + ".json"))
                .willReturn(okJson("{\"sid\":\"" + callSid + "\",\"status\":\"in-progress\"}")));
        String base = "/hooks/voice/" + company.id().value() + "/" + call.messageId();
        Map<String, String> answered = Map.of("CallSid", callSid, "AccountSid", SID, "CallStatus", "in-progress");
        signedHook(base + "/start", answered);
        Map<String, String> beep = Map.of("CallSid", callSid, "AccountSid", SID, "AnsweredBy", "machine_end_beep",
                "MachineDetectionDuration", "4200");
        assertThat(signedHook(base + "/amd", beep).getResponse().getStatus()).isEqualTo(200);
        twilio.verify(WireMock.postRequestedFor(WireMock.urlEqualTo("/2010-04-01/Accounts/" + SID + "/Calls/" + callSid
                + ".json")).withRequestBody(WireMock.containing("Twiml=")).withRequestBody(WireMock.containing(
                        java.net.URLEncoder.encode("an automated assistant calling for Calling Roofing",
                                StandardCharsets.UTF_8))));
        VoiceCall done = voice.call(company.ownerActor(), call.id());
        assertThat(done.ended()).isTrue();
        assertThat(done.answeredBy()).isEqualTo("machine_end_beep");
        assertThat(done.summary()).isEqualTo("AI call: reached voicemail; message left.");
        assertThat(done.transcript().getLast().text()).startsWith("(voicemail) Hi Pat, this is Ava");
        assertThat(events.stream(CallCompleted.class)).extracting(CallCompleted::result).containsExactly("VOICEMAIL_LEFT");
        // The same report again changes nothing.
        signedHook(base + "/amd", beep);
        assertThat(events.stream(CallCompleted.class)).hasSize(1);
    }

    /** Connect rate, machine rate, talk time and outcomes, for all calls, per rep and per script. */
    @Test
    void callFiguresCountWhatHappened() {
        VoiceCall talked = voice.callLead(company.ownerActor(), lead);
        voice.progress(company.id(), talked.id(), "in-progress");
        voice.open(company.id(), talked.id());
        String[] said = {"yes", "25 years", "yes", "yes", "no", "first"};
        for (int i = 0; i < said.length; i++) {
            voice.hear(company.id(), talked.id(), i + 1, said[i], false);
        }
        VoiceCall machine = voice.callLead(company.ownerActor(), lead);
        voice.progress(company.id(), machine.id(), "in-progress");
        voice.answeredBy(company.id(), machine.id(), "machine_end_beep");
        VoiceCall unanswered = voice.callLead(company.ownerActor(), lead);
        voice.progress(company.id(), unanswered.id(), "no-answer");

        var counted = figures.analytics(company.ownerActor(), 30);
        CallFigures.CallStats all = counted.get("all").getFirst();
        assertThat(all.calls()).isEqualTo(3);
        assertThat(all.connected()).isEqualTo(1);
        assertThat(all.machines()).isEqualTo(1);
        assertThat(all.notAnswered()).isEqualTo(1);
        assertThat(all.booked()).isEqualTo(1);
        assertThat(all.qualified()).isEqualTo(1);
        assertThat(all.connectRate()).isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(all.bookedRate()).isEqualTo(1.0);
        assertThat(counted.get("rep")).singleElement().satisfies(r -> {
            assertThat(r.group()).isEqualTo(company.owner().name());
            assertThat(r.calls()).isEqualTo(3);
        });
        assertThat(counted.get("script")).extracting(CallFigures.CallStats::group).containsExactly("Ava, friendly");
    }

    /** "Call me back tomorrow at 5": a call is scheduled for then, and when it is due a new call is placed. */
    @Test
    void aCallBackIsScheduledAndPlacedWhenDue() {
        VoiceCall call = voice.callLead(company.ownerActor(), lead);
        voice.progress(company.id(), call.id(), "in-progress");
        voice.open(company.id(), call.id());
        voice.hear(company.id(), call.id(), 1, "I'm driving, can you call me back tomorrow at 5", false);
        VoiceCall done = voice.call(company.ownerActor(), call.id());
        assertThat(done.summary()).contains("call back tomorrow at 5, AI call scheduled for ").endsWith(" at 5 pm.");
        Integer scheduled = jdbc.sql("select count(*) from platform.scheduled_tasks where task_name = 'voice-call-back' "
                + "and task_instance = :i").param("i", "call-back-" + call.id()).query(Integer.class).single();
        assertThat(scheduled).isEqualTo(1);
        voice.callBack(new dev.ridgeline.voice.internal.VoiceJobs.CallBack(company.id().value(), lead,
                company.owner().id().value(), "OWNER", call.id()));
        assertThat(voice.calls(company.ownerActor(), lead)).hasSize(2).first().satisfies(c -> assertThat(c.ended())
                .isFalse());
    }

    /** A call the voice channel refuses (no consent to call) ends at once, with the channel's reason on the timeline. */
    @Test
    void aCallTheChannelRefusesEndsWithItsReason() {
        jdbc.sql("delete from property.consent where tenant_id = :t and channel = 'CALL'").param("t", company.id().value())
                .update();
        VoiceCall call = voice.callLead(company.ownerActor(), lead);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .until(() -> voice.call(company.ownerActor(), call.id()).ended());
        assertThat(voice.call(company.ownerActor(), call.id()).status()).isEqualTo("failed");
        assertThat(leads.timeline(company.ownerActor(), lead)).anyMatch(a -> a.text().startsWith(
                "AI call not placed: not sent: no consent to call " + phone));
    }

    /**
     * Click-to-call: the rep's phone rings first (the call is created to the rep), the rep hears whom they are put
     * through to and the homeowner is dialled from the company's caller id; a homeowner in a state that needs every
     * party's consent hears that the call is recorded, one in a one-party state does not.
     */
    @Test
    void clickToCallRingsTheRepFirstAndAnnouncesTheRecordingWhereTheLawNeedsIt() throws Exception {
        connectTwilio();
        identity.updateProfile(company.ownerActor(), company.owner().name(), null);
        assertThatThrownBy(() -> clickToCall.clickToCall(company.ownerActor(), lead)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("add your phone number under My profile");
        identity.updateProfile(company.ownerActor(), company.owner().name(), "+16155550111");
        VoiceCall call = clickToCall.clickToCall(company.ownerActor(), lead);
        assertThat(call.kind()).isEqualTo("click_to_call");
        assertThat(clickToCall.repFirst(company.id(), call.messageId())).contains("+16155550111");
        jdbc.sql("update outreach.message set from_address = '+16155550100' where tenant_id = :t and id = :m")
                .param("t", company.id().value()).param("m", call.messageId()).update();
        String base = "/hooks/voice/" + company.id().value() + "/" + call.messageId();
        Map<String, String> rep = Map.of("CallSid", "CA" + "d".repeat(32), "AccountSid", SID, "CallStatus", "in-progress");
        String start = signedHook(base + "/start", rep).getResponse().getContentAsString();
        assertThat(checkTwiml(start)).contains("Connecting you to Pat Jones at 2210 Elm Hill Pike").contains(phone);
        assertThat(start).contains("<Dial callerId=\"+16155550100\" action=\"http://localhost" + base + "/dialed\"")
                .contains("record=\"record-from-answer-dual\"").contains("<Number url=\"http://localhost" + base
                        + "/announce\" method=\"POST\">" + phone + "</Number>");
        // Tennessee needs one party's consent (the rep's): nothing is announced. Florida needs everyone's.
        assertThat(checkTwiml(signedHook(base + "/announce", rep).getResponse().getContentAsString())).isEmpty();
        jdbc.sql("update property.property set state = 'FL' where tenant_id = :t").param("t", company.id().value())
                .update();
        assertThat(checkTwiml(signedHook(base + "/announce", rep).getResponse().getContentAsString()))
                .isEqualTo("This call is recorded.");
        Map<String, String> dialed = Map.of("CallSid", "CA" + "d".repeat(32), "AccountSid", SID, "DialCallStatus",
                "completed", "DialCallSid", "CA" + "c".repeat(32), "DialCallDuration", "185");
        assertThat(checkTwiml(signedHook(base + "/dialed", dialed).getResponse().getContentAsString())).isEmpty();
        VoiceCall done = voice.call(company.ownerActor(), call.id());
        assertThat(done.summary()).isEqualTo("Click-to-call: talked 3 min 05 s with the homeowner.");
        assertThat(events.stream(CallCompleted.class)).singleElement().satisfies(e -> {
            assertThat(e.result()).isEqualTo("CONNECTED");
            assertThat(e.talkSeconds()).isEqualTo(185);
        });
        assertThat(figures.analytics(company.ownerActor(), 30).get("all")).as("AI call figures only").isEmpty();
    }

    /** A call the voice module did not ask for (a sequence's call step) says its script and hangs up. */
    @Test
    void aPlainCallSaysItsScriptAndHangsUp() throws Exception {
        connectTwilio();
        var m = outreach.send(new dev.ridgeline.outreach.SendRequest(company.id(), dev.ridgeline.outreach.Channel.VOICE,
                dev.ridgeline.outreach.MessagePurpose.NOTIFICATION, phone, null,
                "Your roof inspection is tomorrow at 10.", Fixtures.unique("plain-call"), company.owner().id()));
        String base = "/hooks/voice/" + company.id().value() + "/" + m.id();
        Map<String, String> answered = Map.of("CallSid", "CA" + "b".repeat(32), "AccountSid", SID, "CallStatus",
                "in-progress");
        String twiml = signedHook(base + "/start", answered).getResponse().getContentAsString();
        assertThat(checkTwiml(twiml)).isEqualTo("Your roof inspection is tomorrow at 10.");
        assertThat(twiml).endsWith("<Hangup/></Response>");
    }

    /**
     * A call already placed to the homeowner, written directly: placing one through the Twilio stub would give it
     * the sid every stubbed call gets, and the other tests' status reports would find two calls.
     */
    VoiceCall earlierCall() {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into voice.call (tenant_id, id, message_id, lead_id, kind, to_number, requested_by, requested_role,
                  status, created_at)
                values (:t, :id, :m, :lead, 'agent', :to, :by, 'OWNER', 'in-progress', now())""")
                .param("t", company.id().value()).param("id", id).param("m", UUID.randomUUID()).param("lead", lead)
                .param("to", phone).param("by", company.ownerActor().userId().value()).update();
        return voice.call(company.ownerActor(), id);
    }

    @Test
    void callsToTheCompanysNumberGoToTheAssistantForKnownHomeownersAndToAPersonOtherwise() throws Exception {
        earlierCall();
        connectTwilio();
        String inbound = "/hooks/voice/" + company.id().value() + "/inbound";
        Map<String, String> stranger = Map.of("CallSid", "CA" + "1".repeat(32), "AccountSid", SID, "From", "+16155559999",
                "To", "+16155550100", "CallStatus", "ringing", "Direction", "inbound");

        // Unsigned: refused.
        assertThat(hook(inbound, stranger, null).getResponse().getStatus()).isEqualTo(403);
        // A stranger, nobody to put through to: told the company will call back.
        String twiml = signedHook(inbound, stranger).getResponse().getContentAsString();
        assertThat(checkTwiml(twiml)).contains("Thanks for calling Calling Roofing").contains("we will call you back");
        assertThat(twiml).endsWith("<Hangup/></Response>");

        // With a phone to put calls through to: dialled from the company's number, the outcome reported back.
        VoiceSettings d = VoiceSettings.DEFAULTS;
        voice.saveSettings(company.ownerActor(), new VoiceSettings(d.agentName(), d.tone(), d.inspectionHours(),
                d.inspectionMinutes(), null, false, "assistant", "+1 (615) 555-0177"));
        twiml = signedHook(inbound, stranger).getResponse().getContentAsString();
        checkTwiml(twiml);
        assertThat(twiml).contains("<Dial callerId=\"+16155550100\" action=\"http://localhost" + inbound + "/dialed\"")
                .contains("<Number>+16155550177</Number>");
        Map<String, String> noAnswer = new LinkedHashMap<>(stranger);
        noAnswer.put("DialCallStatus", "no-answer");
        assertThat(checkTwiml(signedHook(inbound + "/dialed", noAnswer).getResponse().getContentAsString()))
                .contains("Nobody can take your call right now");
        noAnswer.put("DialCallStatus", "completed");
        assertThat(signedHook(inbound + "/dialed", noAnswer).getResponse().getContentAsString())
                .endsWith("<Response><Hangup/></Response>");

        // A homeowner the company has called calls back: the assistant answers as the company, turn by turn.
        Map<String, String> homeowner = new LinkedHashMap<>(stranger);
        homeowner.put("From", phone);
        homeowner.put("CallSid", "CA" + "2".repeat(32));
        twiml = signedHook(inbound, homeowner).getResponse().getContentAsString();
        assertThat(checkTwiml(twiml)).startsWith("Thanks for calling " + identity.getTenant(company.id()).name() + ". This is Ava, an automated "
                + "assistant. This call is recorded.").contains("Am I speaking with Pat, the homeowner?");
        VoiceCall answered = voice.calls(company.ownerActor(), lead).getFirst();
        assertThat(answered.kind()).isEqualTo("inbound");
        assertThat(answered.provider()).isEqualTo("twilio");
        assertThat(twiml).contains("action=\"http://localhost/hooks/voice/" + company.id().value() + "/"
                + answered.messageId() + "/turn?n=1\"");
        // Twilio asking again for the same call gets the same call, not a second one.
        signedHook(inbound, homeowner);
        assertThat(voice.calls(company.ownerActor(), lead).stream().filter(c -> c.kind().equals("inbound"))).hasSize(1);
        String turn = "/hooks/voice/" + company.id().value() + "/" + answered.messageId() + "/turn?n=1";
        Map<String, String> said = new LinkedHashMap<>(homeowner);
        said.put("SpeechResult", "yes speaking");
        assertThat(checkTwiml(signedHook(turn, said).getResponse().getContentAsString())).contains("roof");

        // Where the company puts every call through, even a known homeowner reaches a person.
        voice.saveSettings(company.ownerActor(), new VoiceSettings(d.agentName(), d.tone(), d.inspectionHours(),
                d.inspectionMinutes(), null, false, "forward", "+16155550177"));
        homeowner.put("CallSid", "CA" + "3".repeat(32));
        assertThat(signedHook(inbound, homeowner).getResponse().getContentAsString())
                .contains("<Number>+16155550177</Number>");
        assertThat(leads.timeline(company.ownerActor(), lead).stream().map(e -> e.text()).toList())
                .anyMatch(t -> t.contains("The homeowner called the company's number from " + phone
                        + "; put through to +16155550177"));
    }

    @Test
    void aLiveCallWhoseStreamFailsGoesOnTurnByTurn() throws Exception {
        VoiceCall call = earlierCall();
        connectTwilio();
        voice.open(company.id(), call.id());
        String base = "/hooks/voice/" + company.id().value() + "/" + call.messageId();
        Map<String, String> params = Map.of("CallSid", callSid, "AccountSid", SID);
        String twiml = signedHook(base + "/streamed", params).getResponse().getContentAsString();
        assertThat(checkTwiml(twiml)).contains("Am I speaking with Pat, the homeowner?");
        assertThat(twiml).contains("action=\"http://localhost" + base + "/turn?n=1\"");
        voice.hangUp(company.id(), call.id());
        assertThat(signedHook(base + "/streamed", params).getResponse().getContentAsString())
                .endsWith("<Response><Hangup/></Response>");
    }

    @Test
    void settingsRefuseAnUnknownInboundModeAndANumberThatIsNotE164() {
        VoiceSettings d = VoiceSettings.DEFAULTS;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> voice.saveSettings(company.ownerActor(),
                new VoiceSettings(d.agentName(), d.tone(), d.inspectionHours(), d.inspectionMinutes(), null, true,
                        "voicemail", "615-555"))).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(
                e.fieldErrors()).containsKeys("inbound", "forwardTo"));
        assertThat(voice.settings(company.id()).liveCalls()).isFalse();
    }
}

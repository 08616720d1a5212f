package dev.ridgeline.outreach.provider.gmail;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.ridgeline.connections.Connection;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.connections.OAuthTokens;
import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.outreach.Channel;
import dev.ridgeline.outreach.EmailReplies;
import dev.ridgeline.outreach.Mailboxes;
import dev.ridgeline.outreach.MessagePurpose;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.OutboundMessage;
import dev.ridgeline.outreach.OutreachService;
import dev.ridgeline.outreach.SendRequest;
import dev.ridgeline.outreach.internal.MailboxGuard;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.MailboxApiStub;
import dev.ridgeline.test.MutableClock;
import dev.ridgeline.test.OAuthFlows;
import dev.ridgeline.test.RidgelineTest;
import jakarta.servlet.http.Cookie;

/**
 * Gmail against WireMock with Google's documented request shapes: connecting by the authorization code flow with
 * PKCE, sending with users.messages.send, refreshing tokens (on expiry and after a 401), 429s retried, a revoked
 * grant pausing the mailbox until it is connected again, replies read through the history API (with its 404
 * re-sync), and the grant revoked when the mailbox is removed.
 */
@RidgelineTest
class GmailContractTests {

    static final String SEND = "/gmail/gmail/v1/users/me/messages/send";
    static final String SCOPES = "openid https://www.googleapis.com/auth/userinfo.email "
            + "https://www.googleapis.com/auth/gmail.send https://www.googleapis.com/auth/gmail.readonly";

    final WireMockServer google = MailboxApiStub.server();

    @Autowired
    MockMvc mvc;

    @Autowired
    OutreachService outreach;

    @Autowired
    ConnectionsService connections;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    GmailMailboxReader reader;

    @Autowired
    EmailReplies replies;

    @Autowired
    Mailboxes mailboxes;

    Fixtures.Company company;
    Cookie session;
    String address;

    @BeforeEach
    void setUp() throws Exception {
        google.resetAll();
        Fixtures fixtures = new Fixtures(identity, jdbc);
        company = fixtures.company("Gmail Roofing");
        session = fixtures.signIn(mvc, company.owner());
        address = Fixtures.email("mike").replace("@example.com", "@gmail.test");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void connectingUsesTheCodeFlowWithPkceAndSealsTheTokens() throws Exception {
        Map<String, String> request = OAuthFlows.start(mvc, session, "gmail");
        assertThat(request.get("location")).startsWith(MailboxApiStub.url() + "/google/auth?");
        assertThat(request).containsEntry("response_type", "code")
                .containsEntry("client_id", "test-google-client.apps.googleusercontent.com")
                .containsEntry("redirect_uri", "http://localhost/settings/connections/oauth/google/callback")
                .containsEntry("code_challenge_method", "S256").containsEntry("access_type", "offline")
                .containsEntry("prompt", "consent").containsEntry("include_granted_scopes", "true")
                .containsKeys("state", "code_challenge");
        assertThat(request.get("scope").split(" ")).contains("https://www.googleapis.com/auth/gmail.send",
                "https://www.googleapis.com/auth/gmail.readonly", "openid", "email");

        tokenAnswer("authorization_code", "at-1", "rt-1", SCOPES, address);
        var back = OAuthFlows.callback(mvc, session, "google", Map.of("state", request.get("state"), "code", "4/c1",
                "scope", SCOPES));
        assertThat(back.getResponse().getRedirectedUrl()).isEqualTo("/settings/connections");
        assertThat((String) back.getFlashMap().get("notice")).contains(address).contains("connected");

        // The code went back with its verifier, which hashes to the challenge sent first (RFC 7636).
        var exchange = OAuthFlows.query(google.findAll(postRequestedFor(urlEqualTo("/google/token"))).getFirst()
                .getBodyAsString());
        assertThat(exchange).containsEntry("grant_type", "authorization_code").containsEntry("code", "4/c1")
                .containsEntry("redirect_uri", "http://localhost/settings/connections/oauth/google/callback")
                .containsEntry("client_id", "test-google-client.apps.googleusercontent.com")
                .containsEntry("client_secret", "test-google-secret");
        assertThat(OAuthFlows.challenge(exchange.get("code_verifier"))).isEqualTo(request.get("code_challenge"));

        Connection c = connections.list(company.ownerActor()).getFirst();
        assertThat(c.providerId()).isEqualTo("gmail");
        assertThat(c.settings()).containsEntry("fromAddress", address);
        assertThat(c.secretsSetAt()).containsKeys(OAuthTokens.REFRESH_TOKEN, OAuthTokens.ACCESS_TOKEN);
        assertThat(jdbc.sql("select ciphertext from connections.connection_secret where connection_id = :c")
                .param("c", c.id()).query(byte[].class).list()).allSatisfy(bytes ->
                assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("rt-1").doesNotContain("at-1"));

        // The same answer replayed finds no request waiting: nothing more is connected.
        var replay = OAuthFlows.callback(mvc, session, "google", Map.of("state", request.get("state"), "code", "4/c1"));
        assertThat((String) replay.getFlashMap().get("error")).contains("does not belong to a connection started");
        // A person who says no at Google is told so.
        Map<String, String> again = OAuthFlows.start(mvc, session, "gmail");
        var denied = OAuthFlows.callback(mvc, session, "google", Map.of("state", again.get("state"),
                "error", "access_denied"));
        assertThat((String) denied.getFlashMap().get("error")).contains("did not grant access: access_denied");
        assertThat(connections.list(company.ownerActor())).hasSize(1);
    }

    @Test
    void aConsentWithoutTheSendScopeConnectsNothing() throws Exception {
        Map<String, String> request = OAuthFlows.start(mvc, session, "gmail");
        String partial = "openid email https://www.googleapis.com/auth/gmail.readonly";
        tokenAnswer("authorization_code", "at-1", "rt-1", partial, address);
        var back = OAuthFlows.callback(mvc, session, "google", Map.of("state", request.get("state"), "code", "4/c2"));
        assertThat((String) back.getFlashMap().get("error")).contains("not given every permission")
                .contains("gmail.send");
        assertThat(connections.list(company.ownerActor())).isEmpty();
    }

    @Test
    void sendsTheWholeMessageRefreshingTheTokenOnExpiryAndAfterA401() throws Exception {
        connect();
        google.stubFor(post(SEND).withHeader("Authorization", equalTo("Bearer at-1"))
                .willReturn(okJson("{\"id\":\"g1\",\"threadId\":\"t1\",\"labelIds\":[\"SENT\"]}")));
        OutboundMessage first = awaitStatus(send("pat@example.com", "g-1"), MessageStatus.SENT);
        assertThat(first.vendorId()).isEqualTo(address + "/g1");
        assertThat(jdbc.sql("select vendor_thread_id from outreach.message where id = :id").param("id", first.id())
                .query(String.class).single()).isEqualTo("t1");
        String raw = new String(Base64.getUrlDecoder().decode(tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(google.findAll(postRequestedFor(urlEqualTo(SEND))).getFirst().getBodyAsString())
                .path("raw").asString()), StandardCharsets.UTF_8);
        assertThat(raw).contains("To: pat@example.com").contains("From: " + address)
                .contains("List-Unsubscribe: <http://localhost/u/").contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
                .contains("Message-ID: <" + first.id() + "@gmail.test>");

        // An hour later the access token has expired: refreshed first, with the stored refresh token.
        clock.advance(Duration.ofHours(2));
        tokenAnswer("refresh_token", "at-2", null, SCOPES, null);
        google.stubFor(post(SEND).withHeader("Authorization", equalTo("Bearer at-2"))
                .willReturn(okJson("{\"id\":\"g2\",\"threadId\":\"t2\"}")));
        assertThat(awaitStatus(send("lee@example.com", "g-2"), MessageStatus.SENT).vendorId()).isEqualTo(address + "/g2");
        assertThat(OAuthFlows.query(google.findAll(postRequestedFor(urlEqualTo("/google/token"))).getLast()
                .getBodyAsString())).containsEntry("grant_type", "refresh_token").containsEntry("refresh_token", "rt-1");

        // Google refuses a token before its time (revoked session): one refresh, one more try.
        google.stubFor(post(SEND).withHeader("Authorization", equalTo("Bearer at-2")).atPriority(1)
                .willReturn(aResponse().withStatus(401).withBody("{\"error\":{\"code\":401}}")));
        tokenAnswer("refresh_token", "at-3", null, SCOPES, null);
        google.stubFor(post(SEND).withHeader("Authorization", equalTo("Bearer at-3"))
                .willReturn(okJson("{\"id\":\"g3\",\"threadId\":\"t3\"}")));
        assertThat(awaitStatus(send("kim@example.com", "g-3"), MessageStatus.SENT).vendorId()).isEqualTo(address + "/g3");
    }

    @Test
    void aRateLimitIsTriedLaterAndARevokedGrantPausesTheMailboxUntilItIsConnectedAgain() throws Exception {
        connect(30); // an access token that is always about to expire: every send refreshes first
        tokenAnswer("refresh_token", "at-1", null, SCOPES, null, 30);
        google.stubFor(post(SEND).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withBody("{\"error\":{\"code\":429,\"errors\":[{\"reason\":\"userRateLimitExceeded\"}]}}")));
        OutboundMessage limited = send("pat@example.com", "r-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> lastDetail(limited), d -> d != null
                && d.startsWith("held: retry 1 of 4 in 1 min after rate-limited: Gmail answered 429, retry after 30 s"));
        assertThat(status(limited)).isEqualTo(MessageStatus.QUEUED);

        // The person removed Ridgeline at myaccount.google.com: the refresh says invalid_grant.
        google.stubFor(post("/google/token").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}")));
        OutboundMessage waiting = send("lee@example.com", "r-2");
        await().atMost(Duration.ofSeconds(10)).until(() -> mailboxes.health(company.ownerActor()).getFirst()
                .pausedReason(), r -> r != null && r.startsWith(MailboxGuard.ACCESS_WITHDRAWN));
        await().atMost(Duration.ofSeconds(10)).until(() -> lastDetail(waiting), d -> d != null
                && d.startsWith("held: mailbox paused"));
        assertThat(jdbc.sql("select count(*) from outreach.message where to_address = :o and subject like "
                + "'Marketing email paused: %'").param("o", company.owner().email()).query(Integer.class).single())
                .isEqualTo(1);

        // Connected again: the pause is lifted and what waited goes out.
        google.resetAll();
        tokenAnswer("refresh_token", "at-4", null, SCOPES, null, 3599);
        google.stubFor(post(SEND).willReturn(okJson("{\"id\":\"{{randomValue length=12 type='ALPHANUMERIC'}}\","
                + "\"threadId\":\"t9\"}").withTransformers("response-template")));
        connect();
        assertThat(mailboxes.health(company.ownerActor()).getFirst().pausedReason()).isNull();
        assertThat(connections.list(company.ownerActor())).as("the same mailbox, reconnected").hasSize(1);
        awaitStatus(waiting, MessageStatus.SENT);
    }

    @Test
    void repliesAreReadThroughTheHistoryApiAndMatchedByThread() throws Exception {
        connect();
        google.stubFor(post(SEND).willReturn(okJson("{\"id\":\"g1\",\"threadId\":\"t-roof\"}")));
        OutboundMessage sent = awaitStatus(send("pat@example.com", "h-1"), MessageStatus.SENT);

        google.stubFor(get("/gmail/gmail/v1/users/me/profile").willReturn(okJson(
                "{\"emailAddress\":\"" + address + "\",\"messagesTotal\":12,\"historyId\":\"1000\"}")));
        assertThat(reader.poll(company.id()).read()).as("a new mailbox starts from now").isZero();

        google.stubFor(get(urlPathEqualTo("/gmail/gmail/v1/users/me/history"))
                .withQueryParam("startHistoryId", equalTo("1000")).withQueryParam("labelId", equalTo("INBOX"))
                .withQueryParam("historyTypes", equalTo("messageAdded"))
                .willReturn(okJson("{\"history\":[{\"id\":\"1001\",\"messagesAdded\":[{\"message\":{\"id\":\"r1\","
                        + "\"threadId\":\"t-roof\",\"labelIds\":[\"INBOX\"]}}]}],\"historyId\":\"1002\"}")));
        // The homeowner's mail program kept no In-Reply-To: the thread says which message it answers.
        String reply = "From: Pat Jones <pat@example.com>\r\nTo: " + address + "\r\nSubject: Tuesday?\r\n"
                + "Message-ID: <CAreply1@mail.gmail.com>\r\nDate: Thu, 26 Nov 2026 10:00:00 +0000\r\n\r\n"
                + "Tuesday morning works.\r\n";
        google.stubFor(get("/gmail/gmail/v1/users/me/messages/r1?format=raw").willReturn(okJson("{\"id\":\"r1\","
                + "\"threadId\":\"t-roof\",\"raw\":\"" + Base64.getUrlEncoder().encodeToString(
                        reply.getBytes(StandardCharsets.UTF_8)) + "\"}")));
        assertThat(reader.poll(company.id()).replies()).isEqualTo(1);
        assertThat(replies.inbox(company.ownerActor(), 10)).singleElement().satisfies(r -> {
            assertThat(r.messageId()).isEqualTo(sent.id());
            assertThat(r.body()).startsWith("Tuesday morning works.");
        });

        // Google forgot history point 1002 (kept about a week): the last two days are read again, taken once.
        google.stubFor(get(urlPathEqualTo("/gmail/gmail/v1/users/me/history"))
                .withQueryParam("startHistoryId", equalTo("1002")).willReturn(aResponse().withStatus(404)
                        .withBody("{\"error\":{\"code\":404,\"message\":\"Requested entity was not found.\"}}")));
        google.stubFor(get(urlPathEqualTo("/gmail/gmail/v1/users/me/messages"))
                .withQueryParam("q", equalTo("newer_than:2d"))
                .willReturn(okJson("{\"messages\":[{\"id\":\"r1\",\"threadId\":\"t-roof\"}]}")));
        google.stubFor(get("/gmail/gmail/v1/users/me/profile").willReturn(okJson("{\"historyId\":\"2000\"}")));
        var resync = reader.poll(company.id());
        assertThat(resync.read()).isEqualTo(1);
        assertThat(resync.replies()).isZero();
        assertThat(jdbc.sql("select last_uid from outreach.mailbox_cursor where tenant_id = :t")
                .param("t", company.id().value()).query(Long.class).single()).isEqualTo(2000);
    }

    @Test
    void removingTheMailboxRevokesItsGrantAtGoogle() throws Exception {
        Connection c = connect();
        google.stubFor(post("/google/revoke").willReturn(aResponse().withStatus(200)));
        var removed = mvc.perform(MockMvcRequestBuilders.post("/settings/connections/" + c.id() + "/delete")
                .cookie(session).with(csrf())).andReturn();
        assertThat((String) removed.getFlashMap().get("notice")).contains("removed").doesNotContain("Note");
        google.verify(postRequestedFor(urlEqualTo("/google/revoke")).withRequestBody(equalTo("token=rt-1")));
        assertThat(connections.list(company.ownerActor())).isEmpty();
    }

    private Connection connect() throws Exception {
        return connect(3599);
    }

    private Connection connect(int expiresIn) throws Exception {
        Map<String, String> request = OAuthFlows.start(mvc, session, "gmail");
        tokenAnswer("authorization_code", "at-1", "rt-1", SCOPES, address, expiresIn);
        var back = OAuthFlows.callback(mvc, session, "google", Map.of("state", request.get("state"), "code", "4/c"));
        assertThat(back.getFlashMap().get("error")).isNull();
        return connections.list(company.ownerActor()).getFirst();
    }

    private void tokenAnswer(String grant, String access, String refresh, String scope, String email) {
        tokenAnswer(grant, access, refresh, scope, email, 3599);
    }

    private void tokenAnswer(String grant, String access, String refresh, String scope, String email, int expiresIn) {
        String idToken = email == null ? "" : ",\"id_token\":\"" + OAuthFlows.idToken("{\"iss\":\"https://accounts."
                + "google.com\",\"sub\":\"1\",\"email\":\"" + email + "\",\"email_verified\":true}") + "\"";
        google.stubFor(post("/google/token").withRequestBody(containing("grant_type=" + grant))
                .willReturn(okJson("{\"access_token\":\"" + access + "\",\"expires_in\":" + expiresIn + ",\"token_type\":\"Bearer\","
                        + "\"scope\":\"" + scope + "\"" + (refresh == null ? "" : ",\"refresh_token\":\"" + refresh + "\"")
                        + idToken + "}")));
    }

    private OutboundMessage send(String to, String key) {
        return outreach.send(new SendRequest(company.id(), Channel.EMAIL, MessagePurpose.OUTREACH, to, "Roof check",
                "Free inspection this week.", key, null));
    }

    private OutboundMessage awaitStatus(OutboundMessage m, MessageStatus status) {
        await().atMost(Duration.ofSeconds(10)).until(() -> status(m) == status);
        return outreach.find(company.id(), m.id()).orElseThrow();
    }

    private MessageStatus status(OutboundMessage m) {
        return outreach.find(company.id(), m.id()).orElseThrow().status();
    }

    private String lastDetail(OutboundMessage m) {
        List<dev.ridgeline.outreach.StatusChange> history = outreach.history(company.ownerActor(), m.id());
        return history.getLast().detail();
    }
}

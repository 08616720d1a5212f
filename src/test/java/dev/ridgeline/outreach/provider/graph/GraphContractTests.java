package dev.ridgeline.outreach.provider.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.ridgeline.connections.Connection;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.outreach.Channel;
import dev.ridgeline.outreach.EmailReplies;
import dev.ridgeline.outreach.MessagePurpose;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.OutboundMessage;
import dev.ridgeline.outreach.OutreachService;
import dev.ridgeline.outreach.SendRequest;
import dev.ridgeline.platform.PlatformProperties;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.MailboxApiStub;
import dev.ridgeline.test.MutableClock;
import dev.ridgeline.test.OAuthFlows;
import dev.ridgeline.test.RidgelineTest;
import jakarta.servlet.http.Cookie;

/**
 * Outlook through Microsoft Graph against WireMock with the documented request shapes: connecting by OAuth with
 * PKCE (Microsoft answers short scope names and a preferred_username), sending the MIME form of /me/sendMail,
 * throttling retried, replies read with delta queries, and change-notification subscriptions: created and renewed,
 * the validation-token handshake, and the client state checked on every notification.
 */
@RidgelineTest
class GraphContractTests {

    static final String SEND = "/graph/v1.0/me/sendMail";
    static final String DELTA = "/graph/v1.0/me/mailFolders('inbox')/messages/delta";

    final WireMockServer microsoft = MailboxApiStub.server();

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
    GraphMailboxReader reader;

    @Autowired
    GraphEmailProvider graph;

    @Autowired
    EmailReplies replies;

    Fixtures.Company company;
    Cookie session;
    String address;

    @BeforeEach
    void setUp() throws Exception {
        microsoft.resetAll();
        Fixtures fixtures = new Fixtures(identity, jdbc);
        company = fixtures.company("Outlook Roofing");
        session = fixtures.signIn(mvc, company.owner());
        address = Fixtures.email("ann").replace("@example.com", "@contoso.test");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void connectsWithPkceAndSendsTheMimeFormRetryingThrottling() throws Exception {
        Map<String, String> request = OAuthFlows.start(mvc, session, "outlook");
        assertThat(request.get("location")).startsWith(MailboxApiStub.url() + "/microsoft/authorize?");
        assertThat(request).containsEntry("response_type", "code").containsEntry("response_mode", "query")
                .containsEntry("code_challenge_method", "S256").containsEntry("prompt", "select_account")
                .containsEntry("redirect_uri", "http://localhost/settings/connections/oauth/microsoft/callback");
        assertThat(request.get("scope").split(" ")).contains("offline_access",
                "https://graph.microsoft.com/Mail.Send", "https://graph.microsoft.com/Mail.Read");
        Connection c = connect(request);
        assertThat(c.providerId()).isEqualTo("outlook");
        assertThat(c.settings()).containsEntry("fromAddress", address);
        assertThat(OAuthFlows.challenge(OAuthFlows.query(microsoft.findAll(postRequestedFor(
                urlEqualTo("/microsoft/token"))).getFirst().getBodyAsString()).get("code_verifier")))
                .isEqualTo(request.get("code_challenge"));

        microsoft.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(SEND)
                .withHeader("Authorization", equalTo("Bearer ms-at-1")).withHeader("Content-Type", containing("text/plain"))
                .willReturn(aResponse().withStatus(202)));
        OutboundMessage sent = awaitStatus(send("pat@example.com", "o-1"), MessageStatus.SENT);
        assertThat(sent.vendorId()).isEqualTo("<" + sent.id() + "@contoso.test>");
        String mime = new String(Base64.getDecoder().decode(microsoft.findAll(postRequestedFor(urlEqualTo(SEND)))
                .getFirst().getBodyAsString()), StandardCharsets.UTF_8);
        assertThat(mime).contains("To: pat@example.com").contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
                .contains("Message-ID: " + sent.vendorId());

        // Graph down for a moment (503): tried again later, not failed.
        microsoft.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(SEND).atPriority(2)
                .willReturn(aResponse().withStatus(503).withBody("{\"error\":{\"code\":\"ServiceUnavailable\"}}")));
        OutboundMessage unavailable = send("sam@example.com", "o-3");
        await().atMost(Duration.ofSeconds(10)).until(() -> outreach.history(company.ownerActor(), unavailable.id())
                .getLast().detail(), d -> d != null && d.startsWith("held: retry 1 of 4 in 1 min after unavailable: "
                        + "Microsoft Graph answered 503"));

        // Throttled (429 with Retry-After): tried again later, not failed.
        microsoft.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(SEND).atPriority(1)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "10")
                        .withBody("{\"error\":{\"code\":\"ApplicationThrottled\"}}")));
        OutboundMessage throttled = send("lee@example.com", "o-2");
        await().atMost(Duration.ofSeconds(10)).until(() -> outreach.history(company.ownerActor(), throttled.id())
                .getLast().detail(), d -> d != null && d.startsWith("held: retry 1 of 4 in 1 min after rate-limited: "
                        + "Microsoft Graph answered 429, retry after 10 s"));
    }

    @Test
    void anExpiredOrRefusedTokenIsRefreshedAndMicrosoftsNewRefreshTokenKept() throws Exception {
        connect(OAuthFlows.start(mvc, session, "outlook"));
        // Two hours on, the access token has expired: refreshed first with the stored refresh token; Microsoft
        // answers a new refresh token too (it rotates them), which is the one used the next time.
        clock.advance(Duration.ofHours(2));
        refreshedTo("ms-rt-1", "ms-at-2", "ms-rt-2");
        awaitStatus(send("pat@example.com", "r-1"), MessageStatus.SENT);

        // Microsoft refuses that token before its time (a revoked session, a password change): one refresh, with
        // the rotated refresh token, and one more try.
        microsoft.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(SEND).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer ms-at-2"))
                .willReturn(aResponse().withStatus(401).withBody("{\"error\":{\"code\":\"InvalidAuthenticationToken\"}}")));
        refreshedTo("ms-rt-2", "ms-at-3", "ms-rt-3");
        awaitStatus(send("lee@example.com", "r-2"), MessageStatus.SENT);
        var refreshes = microsoft.findAll(postRequestedFor(urlEqualTo("/microsoft/token"))).stream()
                .map(r -> OAuthFlows.query(r.getBodyAsString())).filter(q -> "refresh_token".equals(q.get("grant_type")))
                .map(q -> q.get("refresh_token")).toList();
        assertThat(refreshes).containsExactly("ms-rt-1", "ms-rt-2");
    }

    @Test
    void repliesAreReadWithDeltaQueries() throws Exception {
        connect(OAuthFlows.start(mvc, session, "outlook"));
        microsoft.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(SEND).willReturn(aResponse().withStatus(202)));
        OutboundMessage sent = awaitStatus(send("pat@example.com", "d-1"), MessageStatus.SENT);

        // The first round pages through to a delta link and reads nothing: a new mailbox starts from now.
        microsoft.stubFor(get(urlPathEqualTo(DELTA)).willReturn(okJson("{\"value\":[{\"id\":\"old1\"}],"
                + "\"@odata.nextLink\":\"" + MailboxApiStub.url() + "/graph/v1.0/page2\"}")));
        microsoft.stubFor(get("/graph/v1.0/page2").willReturn(okJson("{\"value\":[{\"id\":\"old2\"}],"
                + "\"@odata.deltaLink\":\"" + MailboxApiStub.url() + "/graph/v1.0/delta-1\"}")));
        ProviderAccount account = reader.accounts(company.id()).getFirst();
        assertThat(reader.poll(company.id(), account).read()).isZero();

        String reply = "From: Pat <pat@example.com>\r\nTo: " + address + "\r\nSubject: RE: Roof check\r\n"
                + "Message-ID: <DM6PR01@outlook.com>\r\nIn-Reply-To: " + sent.vendorId() + "\r\n\r\nCall me Friday.\r\n";
        microsoft.stubFor(get("/graph/v1.0/delta-1").willReturn(okJson("{\"value\":[{\"id\":\"AAMk1\","
                + "\"receivedDateTime\":\"2026-11-26T10:00:00Z\"},{\"id\":\"gone\",\"@removed\":{\"reason\":\"deleted\"}}],"
                + "\"@odata.deltaLink\":\"" + MailboxApiStub.url() + "/graph/v1.0/delta-2\"}")));
        microsoft.stubFor(get("/graph/v1.0/me/messages/AAMk1/$value").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withBody(reply)));
        var tally = reader.poll(company.id(), account);
        assertThat(tally.read()).isEqualTo(1);
        assertThat(tally.replies()).isEqualTo(1);
        assertThat(replies.inbox(company.ownerActor(), 10)).singleElement()
                .satisfies(r -> assertThat(r.messageId()).isEqualTo(sent.id()));
        microsoft.verify(0, getRequestedFor(urlEqualTo("/graph/v1.0/me/messages/old1/$value")));
        assertThat(jdbc.sql("select delta_link from outreach.mailbox_cursor where tenant_id = :t")
                .param("t", company.id().value()).query(String.class).single()).endsWith("/graph/v1.0/delta-2");

        // Graph reset the delta (410 Gone): starts again from now.
        microsoft.stubFor(get("/graph/v1.0/delta-2").willReturn(aResponse().withStatus(410)
                .withBody("{\"error\":{\"code\":\"SyncStateNotFound\"}}")));
        assertThat(reader.poll(company.id(), account).read()).isZero();
    }

    @Test
    void subscriptionsAreMadeRenewedAndEveryNotificationIsChecked() throws Exception {
        connect(OAuthFlows.start(mvc, session, "outlook"));
        ProviderAccount account = reader.accounts(company.id()).getFirst();
        // Graph only calls HTTPS: the test server's own address is http, so this instance speaks for a public one.
        GraphSubscriptions subscriptions = new GraphSubscriptions(graph, provider(), jdbc, new PlatformProperties(
                java.nio.file.Path.of("/tmp"), null, null, "https://roofs.example.com", "t", "a"), clock);
        microsoft.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/graph/v1.0/subscriptions")
                .willReturn(okJson("{\"id\":\"7f105c7d-2dc5-4530-97cd-4e7ae6534c07\",\"expirationDateTime\":\"x\"}")
                        .withStatus(201)));
        subscriptions.ensure(company.id(), account);
        microsoft.verify(postRequestedFor(urlEqualTo("/graph/v1.0/subscriptions"))
                .withRequestBody(matchingJsonPath("$.changeType", equalTo("created")))
                .withRequestBody(matchingJsonPath("$.resource", equalTo("me/mailFolders('Inbox')/messages")))
                .withRequestBody(matchingJsonPath("$.notificationUrl",
                        equalTo("https://roofs.example.com/hooks/graph/" + company.id())))
                .withRequestBody(matchingJsonPath("$.lifecycleNotificationUrl",
                        equalTo("https://roofs.example.com/hooks/graph/" + company.id() + "/lifecycle"))));
        String clientState = tools.jackson.databind.json.JsonMapper.builder().build().readTree(microsoft.findAll(
                postRequestedFor(urlEqualTo("/graph/v1.0/subscriptions"))).getFirst().getBodyAsString())
                .path("clientState").asString();
        assertThat(clientState).hasSizeGreaterThanOrEqualTo(40);
        subscriptions.ensure(company.id(), account);
        assertThat(microsoft.findAll(postRequestedFor(urlEqualTo("/graph/v1.0/subscriptions")))).as("still fresh")
                .hasSize(1);
        // Two and a half days later it is renewed, not made again.
        clock.advance(Duration.ofHours(60));
        microsoft.stubFor(patch(urlEqualTo("/graph/v1.0/subscriptions/7f105c7d-2dc5-4530-97cd-4e7ae6534c07"))
                .willReturn(okJson("{}")));
        subscriptions.ensure(company.id(), account);
        microsoft.verify(patchRequestedFor(urlEqualTo("/graph/v1.0/subscriptions/7f105c7d-2dc5-4530-97cd-4e7ae6534c07"))
                .withRequestBody(matchingJsonPath("$.expirationDateTime")));

        // The validation handshake: the token back, decoded, as plain text.
        mvc.perform(post(java.net.URI.create("/hooks/graph/" + company.id() + "?validationToken=Validation%3a+Testing"
                        + "+client+application+reachability")).contentType("text/plain"))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", containsText("text/plain")))
                .andExpect(content().string("Validation: Testing client application reachability"));

        // A notification with the wrong client state is refused; the right one reads the mailbox.
        microsoft.stubFor(get(urlPathEqualTo(DELTA)).willReturn(okJson("{\"value\":[],"
                + "\"@odata.deltaLink\":\"" + MailboxApiStub.url() + "/graph/v1.0/delta-n\"}")));
        String forged = notification("not-the-secret");
        mvc.perform(post("/hooks/graph/" + company.id()).contentType("application/json").content(forged))
                .andExpect(status().isAccepted()).andExpect(content().string("accepted 0, refused 1\n"));
        assertThat(microsoft.findAll(getRequestedFor(urlPathEqualTo(DELTA)))).isEmpty();
        mvc.perform(post("/hooks/graph/" + company.id()).contentType("application/json").content(notification(clientState)))
                .andExpect(status().isAccepted()).andExpect(content().string("accepted 1, refused 0\n"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !microsoft.findAll(getRequestedFor(urlPathEqualTo(DELTA)))
                .isEmpty());
        // Another company's address does not know this subscription.
        mvc.perform(post("/hooks/graph/" + java.util.UUID.randomUUID()).contentType("application/json")
                .content(notification(clientState))).andExpect(content().string("accepted 0, refused 1\n"));
    }

    private static org.hamcrest.Matcher<String> containsText(String s) {
        return org.hamcrest.Matchers.containsString(s);
    }

    private String notification(String clientState) {
        return "{\"value\":[{\"subscriptionId\":\"7f105c7d-2dc5-4530-97cd-4e7ae6534c07\","
                + "\"subscriptionExpirationDateTime\":\"2026-11-30T10:00:00Z\",\"changeType\":\"created\","
                + "\"resource\":\"Users/1/Messages/AAMk2\",\"resourceData\":{\"@odata.type\":\"#Microsoft.Graph.Message\","
                + "\"@odata.id\":\"Users/1/Messages/AAMk2\",\"id\":\"AAMk2\"},\"clientState\":\"" + clientState + "\","
                + "\"tenantId\":\"84bd8158-6d4d-4958-8b9f-9d6445542f95\"}]}";
    }

    private org.springframework.beans.factory.ObjectProvider<ConnectionsService> provider() {
        return new org.springframework.beans.factory.ObjectProvider<>() {
            @Override
            public ConnectionsService getObject() {
                return connections;
            }

            @Override
            public ConnectionsService getObject(Object... args) {
                return connections;
            }

            @Override
            public ConnectionsService getIfAvailable() {
                return connections;
            }

            @Override
            public ConnectionsService getIfUnique() {
                return connections;
            }
        };
    }

    private Connection connect(Map<String, String> request) throws Exception {
        String claims = "{\"iss\":\"https://login.microsoftonline.com/9188040d/v2.0\",\"preferred_username\":\""
                + address + "\",\"name\":\"Ann\"}";
        microsoft.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/microsoft/token")
                .willReturn(okJson("{\"token_type\":\"Bearer\",\"scope\":\"Mail.Read Mail.Send User.Read openid "
                        + "profile email\",\"expires_in\":3599,\"ext_expires_in\":3599,\"access_token\":\"ms-at-1\","
                        + "\"refresh_token\":\"ms-rt-1\",\"id_token\":\"" + OAuthFlows.idToken(claims) + "\"}")));
        var back = OAuthFlows.callback(mvc, session, "microsoft", Map.of("state", request.get("state"),
                "code", "M.C1_BAY.2"));
        assertThat(back.getFlashMap().get("error")).isNull();
        return connections.list(company.ownerActor()).getFirst();
    }

    private OutboundMessage send(String to, String key) {
        return outreach.send(new SendRequest(company.id(), Channel.EMAIL, MessagePurpose.OUTREACH, to, "Roof check",
                "Free inspection this week.", key, null));
    }

    private OutboundMessage awaitStatus(OutboundMessage m, MessageStatus s) {
        await().atMost(Duration.ofSeconds(10)).until(() -> outreach.find(company.id(), m.id()).orElseThrow().status() == s);
        return outreach.find(company.id(), m.id()).orElseThrow();
    }

    /**
     * Microsoft's token endpoint answers a refresh with {@code refreshToken} by a new access token and a rotated
     * refresh token, and the send endpoint takes the new access token.
     */
    private void refreshedTo(String refreshToken, String accessToken, String rotated) {
        microsoft.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/microsoft/token").atPriority(1)
                .withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=" + refreshToken))
                .willReturn(okJson("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"" + accessToken
                        + "\",\"refresh_token\":\"" + rotated + "\",\"scope\":\"Mail.Read Mail.Send User.Read\"}")));
        microsoft.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(SEND)
                .withHeader("Authorization", equalTo("Bearer " + accessToken)).willReturn(aResponse().withStatus(202)));
    }
}

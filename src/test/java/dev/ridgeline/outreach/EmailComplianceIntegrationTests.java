package dev.ridgeline.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import dev.ridgeline.connections.ConnectionDraft;
import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.outreach.provider.smtp.ImapMailboxReader;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.TestClockConfiguration;
import dev.ridgeline.test.TestDatabaseInitializer;

/**
 * Marketing email end to end over real SMTP, IMAP and HTTP: the message GreenMail receives is DKIM-signed over its
 * unsubscribe headers and carries the company's postal address; the one-click POST works exactly as RFC 8058 has
 * mailbox providers send it (no cookie, no sign-in) while a GET changes nothing; a bounce arriving in the IMAP
 * mailbox is classified and its address suppressed; and the next send to a suppressed address is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "ridgeline.outreach.sandbox-step-delay=50ms", "db-scheduler.polling-interval=100ms",
        "spring.main.banner-mode=off"})
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import(TestClockConfiguration.class)
class EmailComplianceIntegrationTests {

    static final int PORT = freePort();

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP_IMAP)
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("office@acme.test", "mailbox-password"))
            .withPerMethodLifecycle(true);

    static KeyPair dkim;

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("ridgeline.public-url", () -> "http://localhost:" + PORT);
    }

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        dkim = generator.generateKeyPair();
    }

    @Autowired
    OutreachService outreach;

    @Autowired
    EmailSuppressions suppressions;

    @Autowired
    ConnectionsService connections;

    @Autowired
    ImapMailboxReader mailbox;

    @Autowired
    EmailReplies replies;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    Fixtures.Company company;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void setUp() {
        company = new Fixtures(identity, jdbc).company("Acme Roofing");
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(dkim.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        connections.create(company.ownerActor(), new ConnectionDraft(ConnectionType.EMAIL, "smtp", "Office mailbox",
                Map.ofEntries(Map.entry("host", "127.0.0.1"),
                        Map.entry("port", String.valueOf(ServerSetupTest.SMTP.getPort())), Map.entry("security", "NONE"),
                        Map.entry("username", "office@acme.test"), Map.entry("fromAddress", "office@acme.test"),
                        Map.entry("fromName", "Acme Roofing"), Map.entry("dkimDomain", "acme.test"),
                        Map.entry("dkimSelector", "s1"), Map.entry("imapHost", "127.0.0.1"),
                        Map.entry("imapPort", String.valueOf(ServerSetupTest.IMAP.getPort())),
                        Map.entry("imapSecurity", "NONE")),
                Map.of("password", "mailbox-password", "dkimPrivateKey", pem)));
    }

    @Test
    void aMarketingEmailIsSignedCarriesItsFooterAndUnsubscribesInOneClick() throws Exception {
        OutboundMessage sent = awaitStatus(send("pat@example.com", "offer-1"), MessageStatus.SENT);
        MimeMessage received = mail.getReceivedMessages()[0];
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        received.writeTo(raw);

        String token = suppressions.tokenOf(company.id(), sent.id()).orElseThrow();
        String url = "http://localhost:" + PORT + "/u/" + token;
        assertThat(received.getHeader("List-Unsubscribe")[0])
                .isEqualTo("<" + url + ">, <mailto:office@acme.test?subject=unsubscribe-" + token + ">");
        assertThat(received.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(GreenMailUtil.getBody(received)).contains("Acme Roofing LLC, 12 Main St, Nashville, TN 37203")
                .contains(url);

        DkimVerifier.Result dkimResult = DkimVerifier.verify(raw.toByteArray(),
                Base64.getEncoder().encodeToString(dkim.getPublic().getEncoded()));
        assertThat(dkimResult.reason()).isEqualTo("pass");
        assertThat(dkimResult.domain()).isEqualTo("acme.test");
        assertThat(dkimResult.signedHeaders()).contains("from", "subject", "list-unsubscribe", "list-unsubscribe-post")
                .filteredOn("from"::equals).hasSize(2);
        // A header changed on the way breaks it.
        String tampered = new String(raw.toByteArray(), StandardCharsets.ISO_8859_1)
                .replaceFirst("List-Unsubscribe-Post: List-Unsubscribe=One-Click", "List-Unsubscribe-Post: nothing");
        assertThat(DkimVerifier.verify(tampered.getBytes(StandardCharsets.ISO_8859_1),
                Base64.getEncoder().encodeToString(dkim.getPublic().getEncoded())).valid()).isFalse();

        // A link scanner's GET shows the page and unsubscribes no one.
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Stop emails from Acme Roofing").contains("p***@example.com")
                .doesNotContain("pat@example.com");
        assertThat(suppressions.find(company.id(), "pat@example.com")).isEmpty();

        // The mailbox provider's one-click POST: form-encoded body, no cookie, no CSRF token, no sign-in.
        HttpResponse<String> oneClick = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(oneClick.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(suppressions.find(company.id(), "PAT@example.com")).hasValueSatisfying(s -> {
            assertThat(s.reason()).isEqualTo(SuppressionReason.UNSUBSCRIBED);
            assertThat(s.source()).isEqualTo("one-click");
            assertThat(s.messageId()).isEqualTo(sent.id());
        });

        // The next send to that address is refused before any provider sees it.
        OutboundMessage refused = send("Pat@Example.com", "offer-2");
        assertThat(refused.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(refused.failureCode()).isEqualTo("suppressed");
        assertThat(refused.failureReason()).contains("unsubscribed");
        Thread.sleep(300);
        assertThat(mail.getReceivedMessages()).hasSize(1);

        // A made-up token is refused, over POST and GET alike.
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT
                + "/u/not-a-real-token-aaaaaaaaaaaaaaaa")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(404);
    }

    @Test
    void theConfirmationPagesButtonUnsubscribesWithoutSignIn() throws Exception {
        OutboundMessage sent = awaitStatus(send("sam@example.com", "offer-3"), MessageStatus.SENT);
        String url = "http://localhost:" + PORT + "/u/" + suppressions.tokenOf(company.id(), sent.id()).orElseThrow();
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("scope=all")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("You are unsubscribed");
        assertThat(suppressions.find(company.id(), "sam@example.com")).hasValueSatisfying(
                s -> assertThat(s.source()).isEqualTo("preference page"));
    }

    @Test
    void aBounceInTheImapMailboxIsClassifiedAndItsAddressSuppressed() throws Exception {
        OutboundMessage sent = awaitStatus(send("gone@example.org", "offer-4"), MessageStatus.SENT);
        GreenMailUser office = mail.getUserManager().getUser("office@acme.test");
        office.deliver(new MimeMessage(Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(dsn(sent.vendorId(), "gone@example.org").getBytes(StandardCharsets.UTF_8))));
        office.deliver(new MimeMessage(Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(("From: Pat <pat2@example.com>\r\nTo: office@acme.test\r\n"
                        + "Subject: Re: your roof\r\n\r\nTuesday works.\r\n").getBytes(StandardCharsets.UTF_8))));

        dev.ridgeline.outreach.InboundMail.Tally poll = mailbox.poll(company.id()).orElseThrow();
        assertThat(poll.read()).isEqualTo(2);
        assertThat(poll.bounces()).isEqualTo(1);
        assertThat(poll.suppressed()).isEqualTo(1);
        assertThat(suppressions.find(company.id(), "gone@example.org")).hasValueSatisfying(s -> {
            assertThat(s.reason()).isEqualTo(SuppressionReason.HARD_BOUNCE);
            assertThat(s.detail()).startsWith("5.1.1");
        });
        OutboundMessage bounced = outreach.find(company.id(), sent.id()).orElseThrow();
        assertThat(bounced.status()).isEqualTo(MessageStatus.BOUNCED);
        assertThat(bounced.failureClass()).isEqualTo(FailureClass.PERMANENT);
        // Read once: the cursor moved past both, and the person's reply was left unread for the rep.
        assertThat(mailbox.poll(company.id()).orElseThrow().read()).isZero();
        assertThat(send("gone@example.org", "offer-5").failureCode()).isEqualTo("suppressed");
    }

    @Test
    void aReplyInTheMailboxIsMatchedToItsMessageShownInTheInboxAndToldToTheRep() throws Exception {
        OutboundMessage sent = awaitStatus(send("pat@example.com", "offer-8"), MessageStatus.SENT);
        GreenMailUser office = mail.getUserManager().getUser("office@acme.test");
        office.deliver(new MimeMessage(Session.getInstance(new java.util.Properties()), new java.io.ByteArrayInputStream(
                ("From: Pat Jones <Pat@Example.com>\r\nTo: office@acme.test\r\nSubject: Re: Hail on your street last week\r\n"
                        + "Message-ID: <r1@mail.example.com>\r\nIn-Reply-To: " + sent.vendorId() + "\r\nReferences: "
                        + sent.vendorId() + "\r\n\r\nTuesday works.\r\n\r\n> we are inspecting roofs\r\n")
                        .getBytes(StandardCharsets.UTF_8))));
        // A vacation auto-reply to the same message is neither a bounce nor a reply.
        office.deliver(new MimeMessage(Session.getInstance(new java.util.Properties()), new java.io.ByteArrayInputStream(
                ("From: pat@example.com\r\nTo: office@acme.test\r\nSubject: Out of Office: Hail on your street\r\n"
                        + "Auto-Submitted: auto-replied\r\nIn-Reply-To: " + sent.vendorId() + "\r\n\r\nAway until Monday.\r\n")
                        .getBytes(StandardCharsets.UTF_8))));
        dev.ridgeline.outreach.InboundMail.Tally poll = mailbox.poll(company.id()).orElseThrow();
        assertThat(poll.replies()).isEqualTo(1);
        var inbox = replies.inbox(company.ownerActor(), 10);
        assertThat(inbox).singleElement().satisfies(r -> {
            assertThat(r.messageId()).isEqualTo(sent.id());
            assertThat(r.from()).isEqualTo("pat@example.com");
            assertThat(r.body()).startsWith("Tuesday works.");
        });
        assertThat(replies.thread(company.ownerActor(), inbox.getFirst().id()).message().id()).isEqualTo(sent.id());
        assertThat(jdbc.sql("select subject from outreach.message where to_address = :rep and purpose = 'NOTIFICATION'")
                .param("rep", company.owner().email()).query(String.class).list())
                .containsExactly("Reply from pat@example.com: Re: Hail on your street last week");
        // The same mail read again (a new poll of a renumbered folder) is taken once.
        jdbc.sql("delete from outreach.mailbox_cursor").update();
        assertThat(mailbox.poll(company.id()).orElseThrow().replies()).isZero();
    }

    @Test
    void aMailtoUnsubscribeArrivingInTheMailboxSuppressesItsAddress() throws Exception {
        OutboundMessage sent = awaitStatus(send("kim@example.com", "offer-6"), MessageStatus.SENT);
        String token = suppressions.tokenOf(company.id(), sent.id()).orElseThrow();
        mail.getUserManager().getUser("office@acme.test").deliver(new MimeMessage(
                Session.getInstance(new java.util.Properties()), new java.io.ByteArrayInputStream(
                        ("From: kim@example.com\r\nTo: office@acme.test\r\nSubject: unsubscribe-" + token
                                + "\r\n\r\n").getBytes(StandardCharsets.UTF_8))));
        assertThat(mailbox.poll(company.id()).orElseThrow().unsubscribes()).isEqualTo(1);
        assertThat(suppressions.find(company.id(), "kim@example.com")).hasValueSatisfying(
                s -> assertThat(s.source()).isEqualTo("mailto"));
    }

    @Test
    void marketingEmailWithoutAPostalAddressIsRefused() {
        jdbc.sql("update identity.tenant set street = null where id = :t").param("t", company.id().value()).update();
        assertThatThrownBy(() -> send("lee@example.com", "offer-7")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("postal address");
    }

    private OutboundMessage send(String to, String key) {
        return outreach.send(new SendRequest(company.id(), Channel.EMAIL, MessagePurpose.OUTREACH, to,
                "Hail on your street last week", "Hi,\nwe are inspecting roofs on your street this week.", key,
                company.owner().id()));
    }

    private OutboundMessage awaitStatus(OutboundMessage m, MessageStatus status) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> outreach.find(company.id(), m.id()).orElseThrow(),
                x -> x.status() == status);
    }

    /** A Postfix-style delivery status notification for our message. */
    private static String dsn(String messageId, String recipient) {
        return "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\r\n"
                + "To: office@acme.test\r\nSubject: Undelivered Mail Returned to Sender\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain\r\n\r\nI'm sorry to have to inform you that your message could not\r\n"
                + "be delivered to one or more recipients.\r\n\r\n<" + recipient + ">: host mx.example.org said: 550 5.1.1 <"
                + recipient + ">: Recipient address rejected: User unknown in local recipient table\r\n\r\n"
                + "--b1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.org\r\n\r\n"
                + "Final-Recipient: rfc822; " + recipient + "\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                + "Diagnostic-Code: smtp; 550 5.1.1 <" + recipient + ">: Recipient address rejected: User unknown\r\n\r\n"
                + "--b1\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: Acme Roofing <office@acme.test>\r\nTo: "
                + recipient + "\r\nSubject: Hail on your street last week\r\nMessage-ID: " + messageId + "\r\n\r\n--b1--\r\n";
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

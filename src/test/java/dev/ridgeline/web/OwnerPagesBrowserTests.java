package dev.ridgeline.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;


import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.MailboxApiStub;
import dev.ridgeline.test.TestDatabaseInitializer;

/**
 * An owner's working day in the browser: a lead on the map, a test text in the Outbox, an SMTP connection whose
 * password is never shown again, an API key shown once, the audit log, and an authenticator app set up from its QR
 * code. Every page is screenshotted to target/browser-artifacts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "ridgeline.outreach.sandbox-step-delay=100ms", "db-scheduler.polling-interval=200ms",
        "ridgeline.test.context=owner-pages"})
@ContextConfiguration(initializers = {TestDatabaseInitializer.class, MailboxApiStub.class})
class OwnerPagesBrowserTests extends BrowserTest {

    static final int PORT = freePort();

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        serveOn(PORT, registry);
    }

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anOwnersDay() {
        String base = "http://localhost:" + PORT;
        Fixtures.Company company = new Fixtures(identity, jdbc).company("Ridgetop Roofing");
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 860));
        Page page = context.newPage();
        try {
            page.navigate(base + "/login");
            BrowserSupport.screenshot(page, "10-login");
            BrowserSupport.signInWithPassword(page, company.owner().email());
            assertThat(page).hasURL(base + "/map");

            page.navigate(base + "/leads");
            BrowserSupport.screenshot(page, "11-leads-empty");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Add a lead")).first().click();
            page.getByLabel("Street address").fill("1412 Elm Hill Pike");
            page.getByLabel("City").fill("Nashville");
            page.getByLabel("State").fill("TN");
            page.getByLabel("Homeowner").fill("Pat Jones");
            page.getByLabel("Latitude").fill("36.1437");
            page.getByLabel("Longitude").fill("-86.7252");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add lead")).click();
            assertThat(page.locator(".flash.notice")).containsText("Lead added.");
            page.getByPlaceholder("Add a note").fill("Hail damage on the north slope, homeowner home after 5.");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add note")).click();
            assertThat(page.locator(".timeline")).containsText("Hail damage on the north slope");
            BrowserSupport.screenshot(page, "12-lead");
            page.navigate(base + "/map");
            assertThat(page.locator(".leaflet-interactive")).hasCount(1);
            assertThat(page.locator("#enrol-in-view")).hasText("Enrol the 1 lead in view in a sequence");
            BrowserSupport.screenshot(page, "13-map-with-lead");
            page.locator("#enrol-in-view").click();
            assertThat(page.locator("h1")).containsText("Enrol 1 lead");

            page.navigate(base + "/imports");
            BrowserSupport.screenshot(page, "12a-imports-empty");
            page.setInputFiles("#file", java.nio.file.Path.of("src/main/resources/demo/130519_rpts_hail.csv"));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import")).click();
            assertThat(page.getByText("See them on the map")).isVisible(
                    new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(20000));
            BrowserSupport.screenshot(page, "12b-import-done");
            page.getByText("See them on the map").click();
            assertThat(page.locator("#storm-legend")).isVisible();
            assertThat(page.locator("#storm-count")).containsText("196 reports");
            BrowserSupport.screenshot(page, "12c-map-storms");

            // A city's own permit layout, named once; then a Socrata dataset that uses it.
            page.navigate(base + "/imports");
            page.getByText("Column mappings for permit files").click();
            page.getByLabel("Mapping name").fill("franklin-tn");
            page.getByLabel("Permit number column").fill("PermitNo");
            page.getByLabel("Permit type column").fill("Kind");
            page.getByLabel("Work description columns").fill("Work, Notes");
            page.getByLabel("Street address column").fill("SiteAddress");
            page.getByLabel("Dates are written as").selectOption("US_DATE");
            page.getByLabel("State of every permit").fill("TN");
            BrowserSupport.screenshot(page, "12d-mapping-form");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save mapping")).click();
            assertThat(page.locator(".flash.notice")).containsText("Column mapping 'franklin-tn' saved");
            page.getByText("Socrata permit datasets").click();
            page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Franklin permits");
            page.getByLabel("Dataset URL").fill("https://data.franklintn.gov/resource/ab12-cd34.json");
            page.getByLabel("Date field for new records").fill("issued");
            page.getByLabel("Column mapping").selectOption("franklin-tn");
            page.getByLabel("App token (optional)").fill("token-never-shown");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add source")).click();
            assertThat(page.locator(".flash.notice")).containsText("Socrata source 'Franklin permits' added");
            page.getByText("Socrata permit datasets").click();
            assertThat(page.locator("details").last()).containsText("app token kept");
            org.assertj.core.api.Assertions.assertThat(page.content()).doesNotContain("token-never-shown");
            BrowserSupport.screenshot(page, "12e-socrata-source");

            page.navigate(base + "/outbox");
            page.getByPlaceholder("name@example.com or +16155550123").fill("+16155550133");
            page.locator("select[name=channel]").last().selectOption("SMS");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send test")).click();
            assertThat(page.locator(".timeline")).containsText("Delivered", new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(15000));
            BrowserSupport.screenshot(page, "14-message");
            // The sandbox answers as the contact, with a photo (MMS); the rep answers from a phone-sized screen.
            page.getByLabel("With a photo of the roof (MMS)").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the reply")).click();
            assertThat(page.locator(".bubble.theirs")).containsText("Yes please, what time?");
            assertThat(page.locator(".bubble.theirs img")).hasAttribute("alt", "Picture 1 sent by +16155550133",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(10000));
            page.waitForFunction("() => { const i = document.querySelector('.bubble.theirs img');"
                    + " return i && i.complete && i.naturalWidth > 0; }");
            org.assertj.core.api.Assertions.assertThat((Integer) page.locator(".bubble.theirs img")
                    .evaluate("img => img.complete ? img.naturalWidth : -1")).as("the picture loads").isEqualTo(480);
            page.setViewportSize(390, 844);
            // Curly quotes make a text UCS-2: the line under the box says so, and one click makes it GSM-7.
            page.getByLabel("Answer").fill("We\u2019ll be there \u2013 Tomorrow at 10 works. Mike from Ridgetop.");
            assertThat(page.locator("#segment-info")).containsText("UCS-2 · 1 segment");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Make it GSM-7 (1 segment)")).click();
            assertThat(page.locator("#segment-info")).containsText("GSM-7 · 1 segment · 58 characters · free in the sandbox");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send text")).click();
            assertThat(page.locator(".bubble.ours").last()).containsText("Tomorrow at 10 works");
            BrowserSupport.screenshot(page, "14a-text-conversation-phone");
            page.setViewportSize(1280, 860);
            // "not interested" may be an opt-out: a person reads it and decides.
            page.navigate(base + "/outbox");
            page.locator("#outbox-rows a").first().click();
            page.locator("textarea[name=text]").fill("not interested");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the reply")).click();
            assertThat(page.locator(".flash.notice")).containsText("it may be an opt-out");
            page.navigate(base + "/outbox/opt-outs");
            assertThat(page.locator("table.review-queue")).containsText("not interested");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("It is an opt-out")).click();
            assertThat(page.locator("table.data").last()).containsText("+16155550133");
            BrowserSupport.screenshot(page, "14b-do-not-text");
            page.navigate(base + "/outbox");
            assertThat(page.locator("#outbox-rows")).containsText("+16155550133");
            BrowserSupport.screenshot(page, "15-outbox");

            // A sandbox mailbox connected to send as the office, then an email template: written from the example,
            // previewed on the lead, sent to it from that mailbox, seen in the Outbox.
            page.navigate(base + "/settings/connections");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Add a sandbox mailbox")).click();
            page.getByLabel("From address").fill("office@ridgetop-roofing.test");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect")).click();
            assertThat(page.locator(".flash.notice")).containsText("connected");
            page.navigate(base + "/outbox");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Templates")).click();
            BrowserSupport.screenshot(page, "15a-templates-empty");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Write the first template")).click();
            page.getByLabel("Subject", new Page.GetByLabelOptions().setExact(true)).fill("Hail near {{property.address}}? {{owner.first}}");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save template")).click();
            assertThat(page.locator(".err")).containsText("unknown field 'owner.first'");
            page.getByLabel("Subject", new Page.GetByLabelOptions().setExact(true)).fill("Hail near {{property.address | \"your home\"}}");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save template")).click();
            assertThat(page.locator(".flash.notice")).containsText("Template 'Storm follow-up' saved.");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Preview")).click();
            assertThat(page.locator("#preview")).containsText("Hail near 1412 Elm Hill Pike");
            assertThat(page.frameLocator(".email-frame").locator("body")).containsText("Hi Pat,");
            BrowserSupport.screenshot(page, "15b-template-preview");
            page.getByLabel("Send to").fill("pat@example.com");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send to this lead")).click();
            assertThat(page.locator(".timeline")).containsText("Delivered", new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(15000));
            assertThat(page.locator("body")).containsText("Hail near 1412 Elm Hill Pike");
            assertThat(page.locator("dl")).containsText("office@ridgetop-roofing.test");
            BrowserSupport.screenshot(page, "15c-template-sent");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the reply")).click();
            assertThat(page.locator(".thread .reply")).containsText("Tuesday morning works");
            assertThat(page.locator(".thread .sent")).containsText("Hi Pat,");
            BrowserSupport.screenshot(page, "15d-inbox-thread");
            page.navigate(base + "/inbox");
            assertThat(page.locator("table.data")).containsText("Re: Hail near 1412 Elm Hill Pike");
            BrowserSupport.screenshot(page, "15e-inbox");
            // A second subject to test: each variant then has its own row of figures, and the verdict under them.
            page.navigate(base + "/templates");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Storm follow-up")).click();
            page.locator("summary", new Page.LocatorOptions().setHasText("Variant B")).click();
            page.getByLabel("Subject B", new Page.GetByLabelOptions().setExact(true)).fill("Free roof check after the storm?");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save template")).click();
            assertThat(page.locator(".flash.notice")).containsText("saved");
            page.navigate(base + "/templates");
            assertThat(page.locator("tr.variant").nth(0)).containsText("Variant A");
            assertThat(page.locator("tr.variant").nth(1)).containsText("Free roof check after the storm?");
            assertThat(page.locator("tr.variant").nth(2)).containsText("A/B on reply rate: not enough replies yet");
            BrowserSupport.screenshot(page, "15g-templates-ab");
            page.navigate(base + "/outbox/suppressions");
            page.getByLabel("Address").fill("moved-away@example.com");
            page.getByLabel("Note").fill("asked on the phone");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Stop emailing")).click();
            assertThat(page.locator("table.data")).containsText("moved-away@example.com");
            assertThat(page.locator("table.data")).containsText("asked on the phone");
            BrowserSupport.screenshot(page, "15f-do-not-email");

            page.navigate(base + "/settings/connections");
            BrowserSupport.screenshot(page, "16-connections");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Connect SMTP server")).click();
            page.getByLabel("Host", new Page.GetByLabelOptions().setExact(true)).fill("smtp.office365.com");
            page.getByLabel("Port", new Page.GetByLabelOptions().setExact(true)).fill("587");
            page.getByLabel("From address").fill("office@ridgetop.test");
            page.getByLabel("Password (optional)").fill("hunter2-but-longer");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect")).click();
            assertThat(page.locator(".flash.notice")).containsText("connected");
            assertThat(page.locator("body")).not().containsText("hunter2-but-longer");
            BrowserSupport.screenshot(page, "17-connections-smtp");

            // Connect Gmail: Google's consent page (stubbed) sends the browser straight back with a code.
            var google = MailboxApiStub.server();
            google.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/google/auth"))
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(302)
                            .withHeader("Location", "{{request.query.redirect_uri}}?state={{request.query.state}}"
                                    + "&code=4%2Fbrowser&scope=email")
                            .withTransformers("response-template")));
            google.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/google/token")
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"access_token\":\"at\","
                            + "\"expires_in\":3599,\"token_type\":\"Bearer\",\"refresh_token\":\"rt\",\"scope\":"
                            + "\"openid email https://www.googleapis.com/auth/gmail.send "
                            + "https://www.googleapis.com/auth/gmail.readonly\",\"id_token\":\""
                            + dev.ridgeline.test.OAuthFlows.idToken("{\"email\":\"mike@ridgetop-mail.test\","
                                    + "\"email_verified\":true}") + "\"}")));
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Connect Gmail")).click();
            assertThat(page.locator(".flash.notice")).containsText("mike@ridgetop-mail.test connected and sending");
            assertThat(page.locator("body")).containsText("Sending");
            BrowserSupport.screenshot(page, "17b-connections-gmail");
            page.navigate(base + "/outbox");
            page.locator("details.mailboxes summary").click();
            assertThat(page.locator("table.mailbox-stats")).containsText("mike@ridgetop-mail.test");
            assertThat(page.locator("table.mailbox-stats")).containsText("office@ridgetop.test");
            BrowserSupport.screenshot(page, "17c-outbox-mailboxes");

            page.navigate(base + "/settings/api-keys");
            page.getByPlaceholder("What is it for? e.g. CRM sync").fill("CRM sync");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create key")).click();
            assertThat(page.locator("#new-key")).containsText("rl_");
            BrowserSupport.screenshot(page, "18-api-key");

            page.navigate(base + "/settings/audit");
            assertThat(page.locator("table.data")).containsText("API key");
            BrowserSupport.screenshot(page, "19-audit");

            page.navigate(base + "/settings/profile");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set up an authenticator app")).click();
            assertThat(page.locator("svg.qr")).isVisible();
            BrowserSupport.screenshot(page, "20-totp");

            page.navigate(base + "/settings/company");
            BrowserSupport.screenshot(page, "21-company");
            page.navigate(base + "/sequences");
            assertThat(page.getByText("No sequences yet")).isVisible();
            BrowserSupport.screenshot(page, "22-sequences");
        } catch (RuntimeException | AssertionError e) {
            BrowserSupport.screenshot(page, "failure-owner-day");
            throw e;
        } finally {
            context.close();
        }
    }
}

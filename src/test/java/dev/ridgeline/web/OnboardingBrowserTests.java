package dev.ridgeline.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.ridgeline.test.TestDatabaseInitializer;

/**
 * What a roofing company does on day one, in a real browser against the real server on a fresh database: set up
 * the company, sign in by the magic link from the sandbox Outbox, invite a rep, and the rep signs in with a texted
 * code and lands on the map. Screenshots go to target/browser-artifacts (every step, and the page at a failure).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "ridgeline.outreach.sandbox-step-delay=100ms", "db-scheduler.polling-interval=200ms"})
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class OnboardingBrowserTests extends BrowserTest {

    static final int PORT = freePort();

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        serveOn(PORT, registry);
    }

    @Test
    void ownerSetsUpSignsInByLinkInvitesARepWhoSignsInByCode() {
        String base = "http://localhost:" + PORT;
        BrowserContext owner = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 860));
        Page page = owner.newPage();
        try {
            page.navigate(base + "/");
            assertThat(page).hasURL(base + "/setup");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Set up Ridgeline"))).isVisible();
            BrowserSupport.screenshot(page, "01-setup");

            page.getByLabel("Company name").fill("Summit Roofing");
            page.getByLabel("Legal name").fill("Summit Roofing LLC");
            page.getByLabel("Street address").fill("410 Broadway");
            page.getByLabel("City").fill("Nashville");
            page.getByLabel("State").fill("TN");
            page.getByLabel("ZIP").fill("37203");
            page.getByLabel("Your name").fill("Sam Summit");
            page.getByLabel("Email").fill("sam@summit-roofing.test");
            page.getByLabel("Mobile number").fill("(615) 555-0101");
            page.getByLabel("Load the demo region").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create company")).click();

            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Check your email"))).isVisible();
            BrowserSupport.screenshot(page, "02-link-sent");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("sandbox Outbox")).click();
            assertThat(page.locator(".sandbox-message").first()).containsText("Use this link to sign in");
            BrowserSupport.screenshot(page, "03-sandbox-outbox");
            page.locator(".sandbox-message a").first().click();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();

            assertThat(page).hasURL(base + "/map");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Map"))).isVisible();
            assertThat(page.locator(".leaflet-control-attribution")).containsText("OpenStreetMap");
            BrowserSupport.screenshot(page, "04-owner-map");

            // The demo region loads in the background: eight imports, then a property page with everything on it.
            page.navigate(base + "/imports");
            for (int i = 0; i < 60 && page.locator("table.data tbody tr:has-text('Done')").count() < 8; i++) {
                page.waitForTimeout(500);
                page.reload();
            }
            assertThat(page.locator("table.data tbody tr:has-text('Done')")).hasCount(8);
            BrowserSupport.screenshot(page, "04a-demo-imports");
            page.navigate(base + "/map");
            assertThat(page.locator("#storm-count")).containsText("reports");
            BrowserSupport.screenshot(page, "04b-demo-map");
            page.locator(".mainnav").getByText("Properties").click();
            assertThat(page.locator("table.data tbody tr")).hasCount(200);
            BrowserSupport.screenshot(page, "04b2-properties");
            page.getByLabel("Street address").fill("1032 Manigault Street SE");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("1032 Manigault Street Southeast")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("1032 Manigault Street Southeast"))).isVisible();
            assertThat(page.locator(".person")).containsText("Avery Inventa");
            assertThat(page.locator(".person")).containsText("fictitious demo");
            assertThat(page.locator(".person .consent")).containsText("express written");
            // The outline and the home point (no storm report of the demo is within 5 miles of Reynoldstown).
            assertThat(page.locator("#property-map path.leaflet-interactive")).hasCount(2);
            assertThat(page.locator("#property-map .leaflet-control-attribution")).containsText("OpenStreetMap");
            assertThat(page.getByText("The nearest on record")).isVisible();
            // The demo's homes are scored by themselves after the imports (a job a few seconds later; a first pass
            // may score a home before the last import has given its roof an age, and the next pass corrects it).
            for (int tries = 0; tries < 45; tries++) {
                assertThat(page.locator("#lead-score h2")).hasText("Lead score");
                if (page.locator("#lead-score").innerText().contains("roof about")) {
                    break;
                }
                page.waitForTimeout(1000);
                page.reload();
            }
            assertThat(page.locator("#lead-score")).containsText("roof about 20 years old (built 2004)");
            BrowserSupport.screenshot(page, "04c-property");
            page.getByText("Show on the big map with its neighbours").click();
            assertThat(page.locator("#homes-note")).containsText("in view");
            int homes = page.locator("path.home-marker").count();
            org.assertj.core.api.Assertions.assertThat(homes).as("homes around 1032 Manigault St at zoom 17").isGreaterThan(50);
            BrowserSupport.screenshot(page, "04d-map-homes");

            page.locator(".mainnav").getByText("Settings").click();
            page.locator(".settingsnav").getByText("Users").click();
            page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Riley Rep");
            page.getByLabel("Email").fill("riley@summit-roofing.test");
            page.getByLabel("Mobile number").fill("615-555-0102");
            page.getByLabel("Role").selectOption("REP");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send invitation")).click();
            assertThat(page.locator(".flash.notice")).containsText("Invitation sent to riley@summit-roofing.test");
            assertThat(page.locator("table.data")).containsText("Riley Rep");
            BrowserSupport.screenshot(page, "05-users");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
            assertThat(page.locator(".flash.notice")).containsText("You are signed out.");
        } catch (RuntimeException | AssertionError e) {
            BrowserSupport.screenshot(page, "failure-owner");
            throw e;
        } finally {
            owner.close();
        }

        BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
                .setIsMobile(true).setHasTouch(true).setDeviceScaleFactor(2));
        Page rep = phone.newPage();
        try {
            rep.navigate(base + "/login");
            rep.getByLabel("Mobile number or email").fill("(615) 555-0102");
            rep.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Text me a code")).click();
            assertThat(rep.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Enter your code"))).isVisible();
            BrowserSupport.screenshot(rep, "06-rep-code");

            Page inbox = phone.newPage();
            inbox.navigate(base + "/outbox/sign-in");
            String sms = inbox.locator(".sandbox-message").first().innerText();
            Matcher code = Pattern.compile("(\\d{6}) is your Ridgeline sign-in code").matcher(sms);
            assertThat(code.find()).as("SMS in the sandbox Outbox: " + sms).isTrue();
            inbox.close();

            rep.getByLabel("Code").fill(code.group(1));
            rep.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            assertThat(rep).hasURL(base + "/map");
            assertThat(rep.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Map"))).isVisible();
            assertThat(rep.locator(".leaflet-control-attribution")).containsText("OpenStreetMap");
            assertThat(rep.locator(".tabbar")).isVisible();
            BrowserSupport.screenshot(rep, "07-rep-map-phone");

            rep.navigate(base + "/settings/connections");
            assertThat(rep.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Not allowed"))).isVisible();
        } catch (RuntimeException | AssertionError e) {
            BrowserSupport.screenshot(rep, "failure-rep");
            throw e;
        } finally {
            phone.close();
        }
    }
}

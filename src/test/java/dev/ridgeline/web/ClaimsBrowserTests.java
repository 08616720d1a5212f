package dev.ridgeline.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.LoadState;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.leads.NewLead;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.TestDatabaseInitializer;

/**
 * A rep records a lead's insurance claim, enters the carrier's numbers, moves it to approved, asks for a supplement
 * that the carrier partly approves, and sees the totals follow and the lead's stage change; the claims board shows
 * the money per status. Screenshots go to target/browser-artifacts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "ridgeline.test.context=claims"})
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class ClaimsBrowserTests extends BrowserTest {

    static final int PORT = freePort();

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        serveOn(PORT, registry);
    }

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LeadsService leads;

    @Test
    void aClaimIsRecordedSupplementedAndItsTotalsAndStageFollow() throws Exception {
        String base = "http://localhost:" + PORT;
        Fixtures fixtures = new Fixtures(identity, jdbc);
        Fixtures.Company company = fixtures.company("Summit Roofing");
        UUID home = fixtures.homeWithOwner(company, "418 Glenrose Ave", "+16155550143", "sam@example.com");
        var lead = leads.createForHome(company.ownerActor(), new NewLead("418 Glenrose Ave", "Nashville", "TN", "37210",
                "Sam Reyes", 36.13, -86.76, null, null), home);

        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        Page page = context.newPage();
        try {
            page.navigate(base + "/login");
            BrowserSupport.signInWithPassword(page, company.owner().email());
            page.navigate(base + "/leads/" + lead.id());
            page.waitForLoadState(LoadState.NETWORKIDLE);
            Locator claim = page.locator("#claim");
            assertThat(claim).containsText("No claim recorded");
            claim.getByLabel("Carrier").fill("State Farm");
            claim.getByLabel("Claim number").fill("42-8812-X77");
            claim.getByLabel("Date of loss").fill("2026-05-10");
            claim.getByLabel("Deductible ($)").fill("1,000");
            claim.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Record the claim")).click();
            assertThat(claim.locator(".badge").first()).hasText("Filed");
            assertThat(claim).containsText("File by 2027-05-10");

            // The carrier's estimate, with a mistake first: refused with what is wrong, nothing saved.
            claim.locator("summary", new Locator.LocatorOptions().setHasText("Edit the claim")).click();
            claim.getByLabel("RCV ($)").fill("15000");
            claim.getByLabel("ACV ($)").fill("11000");
            claim.getByLabel("Recoverable depreciation ($)", new Locator.GetByLabelOptions().setExact(true)).fill("3000");
            claim.getByLabel("Non-recoverable depreciation ($)").fill("500");
            claim.getByLabel("Overhead and profit ($)").fill("1200");
            claim.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save the claim")).click();
            assertThat(claim.locator(".flash.error")).containsText("RCV $15,000.00 must equal ACV $11,000.00 plus "
                    + "depreciation $3,500.00");
            claim.locator("summary", new Locator.LocatorOptions().setHasText("Edit the claim")).click();
            claim.getByLabel("RCV ($)").fill("15000");
            claim.getByLabel("ACV ($)").fill("11000");
            claim.getByLabel("Recoverable depreciation ($)", new Locator.GetByLabelOptions().setExact(true)).fill("3500");
            claim.getByLabel("Non-recoverable depreciation ($)").fill("500");
            claim.getByLabel("Overhead and profit ($)").fill("1200");
            claim.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save the claim")).click();
            assertThat(claim.locator(".job-total")).hasText("$16,200.00");
            assertThat(claim.locator(".carrier-owes")).hasText("$14,700.00");

            claim.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approved").setExact(true)).click();
            assertThat(claim.locator(".badge").first()).hasText("Approved");

            claim.locator("summary", new Locator.LocatorOptions().setHasText("Ask for a supplement")).click();
            claim.getByLabel("Line item").fill("Drip edge");
            claim.getByLabel("Quantity").fill("220");
            claim.getByLabel("Unit", new Locator.GetByLabelOptions().setExact(true)).fill("LF");
            claim.getByLabel("Unit price ($)").fill("3.15");
            claim.getByLabel("Reason").fill("required by code");
            claim.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add the supplement")).click();
            assertThat(claim.locator(".badge").first()).hasText("Supplement pending");
            assertThat(claim.locator("table.supplements")).containsText("$693.00");
            claim.getByLabel("Approved quantity of Drip edge").fill("200");
            claim.locator("table.supplements").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve").setExact(true)).click();
            assertThat(claim.locator(".job-total")).hasText("$16,830.00");
            assertThat(claim.locator(".carrier-owes")).hasText("$15,330.00");
            // The carrier's scope, kept with the claim.
            java.nio.file.Path scope = java.nio.file.Files.createTempFile("scope", ".pdf");
            java.nio.file.Files.write(scope, ("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            claim.getByLabel("Kind of document").selectOption("scope");
            claim.getByLabel("Document to attach").setInputFiles(scope);
            claim.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Attach").setExact(true)).click();
            assertThat(claim.locator("ul.documents li")).hasCount(1);
            assertThat(claim.locator("ul.documents")).containsText(scope.getFileName().toString());
            BrowserSupport.screenshot(page, "90-claim-with-supplement");

            page.reload();
            assertThat(page.locator(".pagehead .badge").first()).hasText("Claim filed");
            assertThat(page.locator(".timeline")).containsText("Claim: Filed → Approved");

            page.navigate(base + "/claims");
            assertThat(page.locator("h1")).hasText("Claims");
            assertThat(page.locator(".claims-totals")).containsText("Carriers still owe$15,330.00");
            Locator pending = page.locator(".claims-column", new Page.LocatorOptions().setHasText("Supplement pending"));
            assertThat(pending).containsText("Jobs $16,830.00");
            assertThat(pending).containsText("State Farm 42-8812-X77");
            BrowserSupport.screenshot(page, "91-claims-board");
        } finally {
            context.close();
        }
    }
}

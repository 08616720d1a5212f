package dev.ridgeline.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;

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
import dev.ridgeline.insight.HomeQuery;
import dev.ridgeline.insight.HomeScore;
import dev.ridgeline.insight.InsightService;
import dev.ridgeline.property.PropertyService;
import dev.ridgeline.signals.ImportKind;
import dev.ridgeline.signals.ImportOptions;
import dev.ridgeline.signals.SignalsService;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.TestDatabaseInitializer;

/**
 * A sales manager after the permits are in: the ranked prospects with their explanations, leads started from a bulk
 * selection, a property's score card, and the map's score layers zoomed out (cells) and in (homes). Screenshots go
 * to target/browser-artifacts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "db-scheduler.polling-interval=200ms", "ridgeline.test.context=prospects"})
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class ProspectsBrowserTests extends BrowserTest {

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
    SignalsService signals;

    @Autowired
    PropertyService properties;

    @Autowired
    InsightService insight;

    @Autowired
    dev.ridgeline.leads.LeadsService leads;

    @Test
    void rankedHomesBecomeLeadsAndTheMapShowsScores() {
        String base = "http://localhost:" + PORT;
        Fixtures.Company company = new Fixtures(identity, jdbc).company("Scorecard Roofing");
        insight.pinAsOf(company.id(), LocalDate.of(2024, 9, 30));
        Path permits = Path.of("src/main/resources/demo/nashville_permits_2021-2024.csv");
        signals.importFile(company.ownerActor(), ImportKind.PERMITS, permits, "nashville.csv", ImportOptions.NONE);
        for (String day : java.util.List.of("130519_rpts_hail.csv", "130520_rpts_hail.csv")) {
            signals.importFile(company.ownerActor(), ImportKind.STORMS, Path.of("src/main/resources/demo/" + day), day,
                    ImportOptions.NONE);
        }
        signals.importFile(company.ownerActor(), ImportKind.STORMS,
                Path.of("src/test/resources/data/nexrad/swdi_nx3hail_tiles_20110101.csv"), "tiles.csv",
                ImportOptions.NONE);
        properties.addHomesFromPermits(company.id());
        insight.analyse(company.id(), null);
        HomeScore best = insight.ranked(company.ownerActor(), HomeQuery.top(1)).homes().getFirst();

        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 860));
        Page page = context.newPage();
        try {
            page.navigate(base + "/login");
            BrowserSupport.signInWithPassword(page, company.owner().email());

            page.navigate(base + "/prospects");
            assertThat(page.locator("h1")).hasText("Prospects");
            assertThat(page.locator("#scoring-model")).containsText("Scored by the prior model (prior-1");
            assertThat(page.locator("table.data tbody tr")).hasCount(50);
            assertThat(page.locator("table.data tbody tr").first()).containsText(best.address());
            assertThat(page.locator("td.why").first()).hasAttribute("title",
                    java.util.regex.Pattern.compile("^\\+\\d+ "));
            BrowserSupport.screenshot(page, "40-prospects");

            page.getByLabel("Order", new Page.GetByLabelOptions().setExact(true)).selectOption("roof");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter")).click();
            assertThat(page).hasURL(java.util.regex.Pattern.compile("sort=roof"));
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Next")).click();
            assertThat(page.locator(".bulkbar")).containsText("page 2 of");

            page.navigate(base + "/prospects");
            page.locator("input[name=home]").nth(0).check();
            page.locator("input[name=home]").nth(1).check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start leads from selected")).click();
            assertThat(page.locator(".flash.notice")).containsText("2 leads started");
            assertThat(page.locator("table.data tbody tr")).hasCount(2);
            BrowserSupport.screenshot(page, "41-leads-from-prospects");

            page.navigate(base + "/prospects");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Hot leads and rules")).click();
            assertThat(page.locator("h1")).hasText("Hot leads");
            assertThat(page.locator("table.data").last()).containsText("Score 60 and up");
            page.getByLabel("Rule name").fill("Neighbours re-roofing");
            page.getByLabel("Lowest score").fill("150");
            page.getByLabel("Neighbours re-roofed at least").fill("2");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add rule")).click();
            assertThat(page.locator(".field .err")).containsText("must be 0 to 100");
            page.getByLabel("Lowest score").fill("2");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add rule")).click();
            assertThat(page.locator(".flash.notice")).containsText("Rule 'Neighbours re-roofing' added");
            page.navigate(base + "/prospects");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Rescore now")).click();
            assertThat(page.locator(".flash.notice")).containsText("Scored");
            page.navigate(base + "/prospects/hot");
            assertThat(page.locator("table.data").first()).containsText("Neighbours re-roofing");
            BrowserSupport.screenshot(page, "45-hot-leads");

            page.navigate(base + "/areas");
            assertThat(page.locator("h1")).hasText("All areas");
            assertThat(page.locator("#trend-note")).containsText("months");
            assertThat(page.locator("table.data").first()).containsText("%");
            page.getByLabel("Area").selectOption(new com.microsoft.playwright.options.SelectOption().setIndex(1));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show")).click();
            assertThat(page.locator("h1")).containsText("ZIP ");
            assertThat(page.locator("#trend-note")).containsText("ZIP ");
            BrowserSupport.screenshot(page, "46-area");

            page.navigate(base + "/properties/" + best.propertyId());
            assertThat(page.locator("#lead-score")).containsText("Lead score");
            assertThat(page.locator("#lead-score .score")).hasText(String.valueOf(best.score()));
            BrowserSupport.screenshot(page, "42-property-score");
            // A rep at the door: the homeowner asked for a quote. The score counts it at once.
            page.getByLabel("What the homeowner did").selectOption("ASKED");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record")).click();
            assertThat(page.locator(".flash.notice")).containsText("Recorded: homeowner asked for a quote. Lead score now "
                    + Math.min(100, best.score() + 15));
            assertThat(page.locator("#lead-score")).containsText("homeowner asked for a quote");
            BrowserSupport.screenshot(page, "42b-property-engagement");

            page.navigate(base + "/map");
            assertThat(page.locator("#storm-slider-day")).hasText("2013-05-20");
            page.locator("#storm-slider").fill("0");
            assertThat(page.locator("#storm-slider-day")).hasText("2013-05-19");
            assertThat(page.locator("#storm-count")).containsText("196 reports");
            assertThat(page.locator("#swath-count")).containsText("0 radar tiles");
            org.assertj.core.api.Assertions.assertThat(page.request().get(base + "/map/hail-tiles.geojson?date=2011-01-01")
                    .text()).contains("\"detections\":22");
            BrowserSupport.screenshot(page, "47-map-storm-slider");

            page.navigate(base + "/map?at=" + best.latitude() + "," + best.longitude() + ",12");
            assertThat(page.locator("#scores-note")).containsText("cells in view");
            BrowserSupport.screenshot(page, "43-map-score-cells");
            page.navigate(base + "/map?at=" + best.latitude() + "," + best.longitude() + ",16");
            assertThat(page.locator("#scores-note")).containsText("homes in view");
            assertThat(page.locator(".score-marker").first()).isVisible();
            BrowserSupport.screenshot(page, "44-map-scored-homes");

            // Forty leads decided: the company's own model, judged out of fold, takes over and says so.
            java.util.List<HomeScore> homes = insight.ranked(company.ownerActor(), HomeQuery.top(100)).homes();
            for (int i = 0; i < 40; i++) {
                var lead = leads.createForHome(company.ownerActor(), new dev.ridgeline.leads.NewLead(
                        homes.get(2 + i).address(), null, null, null, null, null, null, null, null),
                        homes.get(2 + i).propertyId());
                leads.moveTo(company.ownerActor(), lead.id(), i % 3 == 0 ? dev.ridgeline.leads.LeadStage.LOST
                        : dev.ridgeline.leads.LeadStage.SIGNED);
            }
            insight.rescore(company.id());
            page.navigate(base + "/prospects");
            assertThat(page.locator("#scoring-model")).containsText("Scored by your own model, learned-40");
            assertThat(page.locator("#scoring-model")).containsText("logistic regression, calibrated");
            assertThat(page.locator("#scoring-model")).containsText("5-fold cross-validation");
            BrowserSupport.screenshot(page, "40b-prospects-learned-model");
        } catch (RuntimeException | Error e) {
            BrowserSupport.screenshot(page, "4x-failure");
            throw e;
        } finally {
            context.close();
        }
    }
}

package dev.ridgeline.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.leads.NewLead;
import dev.ridgeline.signals.ImportKind;
import dev.ridgeline.signals.ImportOptions;
import dev.ridgeline.signals.SignalsService;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.TestDatabaseInitializer;

/**
 * A sales manager checks a roof before spending on it: the lead page shows the aerial and street views with their
 * source, capture date, resolution or heading and attribution, and a before-and-after slider around the hail
 * report nearby; the property map's tiles come through the caching tile proxy; the Imagery page shows the spend
 * and takes budgets. With no network the sandbox draws the images and says so. Screenshots go to
 * target/browser-artifacts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "db-scheduler.polling-interval=200ms", "ridgeline.test.context=imagery"})
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class ImageryBrowserTests extends BrowserTest {

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
    LeadsService leads;

    @Autowired
    dev.ridgeline.insight.InsightService insight;

    @TempDir
    Path dir;

    @Test
    void theLeadPageShowsBothViewsDatedAndAttributedWithABeforeAndAfterSlider() throws Exception {
        String base = "http://localhost:" + PORT;
        Fixtures.Company company = new Fixtures(identity, jdbc).company("Skyview Roofing");
        // Hail of 1.75 in a few hundred feet from the house, on 20 May 2025.
        Path storm = Files.writeString(dir.resolve("250520_rpts_hail.csv"),
                "Time,Size,Location,County,State,Lat,Lon,Comments\n1712,175,2 E NASHVILLE,DAVIDSON,TN,36.1640,-86.7800,(OHX)\n");
        signals.importFile(company.ownerActor(), ImportKind.STORMS, storm, "250520_rpts_hail.csv", ImportOptions.NONE);
        UUID property = home(company, 36.1627, -86.7816);
        insight.analyse(company.id(), null);
        var lead = leads.createForHome(company.ownerActor(), new NewLead("2210 Elm Hill Pike", "Nashville", "TN", "37210",
                "Dana Reyes", 36.1627, -86.7816, null, null), property);

        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 1000));
        Page page = context.newPage();
        try {
            page.navigate(base + "/login");
            BrowserSupport.signInWithPassword(page, company.owner().email());

            page.navigate(base + "/leads/" + lead.id());
            var card = page.locator("#imagery");
            assertThat(card.locator("figure.shot")).hasCount(2);
            var aerial = card.locator("figure.shot").nth(0);
            var street = card.locator("figure.shot").nth(1);
            assertThat(aerial).containsText("Sandbox (synthetic)");
            assertThat(aerial).containsText("synthetic, not a photo");
            assertThat(aerial).containsText(Pattern.compile("\\d{1,2} Jun 20\\d\\d"));
            assertThat(aerial).containsText(Pattern.compile("0\\.\\d\\d m a pixel"));
            assertThat(aerial.locator(".attribution")).hasText("Sandbox imagery, drawn by Ridgeline (not a photo)");
            assertThat(street).containsText(Pattern.compile("camera heading \\d+°"));
            assertThat(street).containsText(Pattern.compile("\\d{1,2} Aug 20\\d\\d"));
            // Both images really load (not a broken icon).
            for (int i = 0; i < 2; i++) {
                var img = card.locator("figure.shot img").nth(i);
                img.scrollIntoViewIfNeeded();
                page.waitForFunction("el => el.complete && el.naturalWidth > 100", img.elementHandle());
            }
            // Before and after the hail of 20 May 2025: the summer 2024 flight, then the summer 2025 one.
            assertThat(card.locator("h3").last()).containsText("1.75 in hail on 2025-05-20");
            var ba = card.locator(".ba");
            assertThat(ba.locator(".ba-tag.left")).containsText(Pattern.compile("Before · \\d{1,2} Jun 2024"));
            assertThat(ba.locator(".ba-tag.right")).containsText(Pattern.compile("After · \\d{1,2} Jun 2025"));
            ba.scrollIntoViewIfNeeded();
            BrowserSupport.screenshot(page, "70-lead-imagery");
            ba.locator(".ba-range").fill("20");
            assertThat(ba).hasAttribute("style", Pattern.compile("--ba:\\s*20%"));
            BrowserSupport.screenshot(page, "71-before-after-slider");

            // The roof analysis: analysed on request, with its overlays, verdict, area and estimate, and labels.
            var roof = page.locator("#roof");
            assertThat(roof).containsText("Not analysed yet");
            roof.getByLabel("Pitch").selectOption("6/12");
            roof.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Analyse this roof")).click();
            assertThat(roof.locator(".roofview svg polygon.outline")).hasCount(1);
            assertThat(roof).containsText("Made-up sandbox image");
            assertThat(roof).containsText("urgency of 100");
            assertThat(roof).containsText("pitch 6/12");
            assertThat(roof).containsText("Hail strikes: need close-range photos");
            assertThat(roof).containsText(Pattern.compile("Since 20\\d\\d-06-\\d\\d: "));
            roof.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Not damaged")).click();
            assertThat(roof).containsText("damage: undamaged");
            roof.locator(".inspected summary").click();
            roof.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Damage found").setExact(true)).click();
            assertThat(roof).containsText("damage: damaged (inspected)");
            roof.getByLabel("Inspected material").selectOption("metal");
            roof.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Material on the roof")).click();
            assertThat(roof).containsText("material: metal (inspected)");
            roof.scrollIntoViewIfNeeded();
            BrowserSupport.screenshot(page, "74-roof-analysis");

            // The pitch from the street view: the sandbox's gable runs from (134, 150) to its peak (320, 64) of 640 x 400.
            roof.locator(".pitchtool summary").click();
            var gable = roof.locator(".pitchview img");
            gable.scrollIntoViewIfNeeded();
            double scale = gable.boundingBox().width / 640.0;
            gable.click(new com.microsoft.playwright.Locator.ClickOptions().setPosition(134.4 * scale, 150 * scale));
            assertThat(roof.locator(".pitchresult")).hasText("Now click the peak.");
            gable.click(new com.microsoft.playwright.Locator.ClickOptions().setPosition(320 * scale, 64 * scale));
            assertThat(roof.locator(".pitchresult")).containsText("set to 6/12");
            assertThat(roof.getByLabel("Pitch")).hasValue("6/12");
            BrowserSupport.screenshot(page, "77-pitch-from-street-view");

            // A storm's roofs: analysed in the background with progress, then ranked by urgency.
            page.navigate(base + "/roof");
            assertThat(page.locator("h1")).hasText("Roofs by urgency");
            page.getByLabel("Storm day").selectOption("2025-05-20");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Analyse these roofs")).click();
            assertThat(page.locator(".flash.notice")).containsText("Analysing the 1 roofs the storm of 2025-05-20 hit");
            assertThat(page.locator("#batch")).containsText("Done: 1 of 1 roofs the storm of 2025-05-20 hit (hail of 1.0 in or more).",
                    new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Show them by urgency")).click();
            assertThat(page.locator("table.data").first()).containsText("2210 Elm Hill Pike");
            assertThat(page.locator("body")).containsText("Your roof models");
            BrowserSupport.screenshot(page, "75-roofs-by-urgency");

            // A model trained elsewhere, supplied as ONNX: measured on the company's labels first, so one label is too few.
            Path onnx = dev.ridgeline.roof.model.OnnxModels.threshold("damage", "dark_share", 0.3, 20, "damaged",
                    "undamaged", dir.resolve("storm-damage.onnx"));
            page.getByLabel("ONNX model").setInputFiles(onnx);
            page.getByLabel("Its description").setInputFiles(dev.ridgeline.roof.model.OnnxModels.description(onnx));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Measure and use a supplied model")).click();
            assertThat(page.locator(".flash.error")).containsText("A supplied model is measured on your own labelled roofs "
                    + "before it is used: label at least 12 roofs for damage (there are 1). Nothing was changed.");
            page.locator(".flash.error").scrollIntoViewIfNeeded();
            BrowserSupport.screenshot(page, "78-supplied-model-refused");

            page.navigate(base + "/settings/roof");
            assertThat(page.locator("h1")).hasText("Roof rules and prices");
            page.getByLabel("Low price of slate").fill("lots");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save rules and prices")).click();
            assertThat(page.locator(".flash.error")).containsText("low slate: 'lots' is not a number");
            page.getByLabel("Low price of slate").fill("1600");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save rules and prices")).click();
            assertThat(page.locator(".flash.notice")).containsText("Roof rules and prices saved");
            assertThat(page.getByLabel("Low price of slate")).hasValue("1600");
            BrowserSupport.screenshot(page, "76-roof-rules");

            // The property map's tiles come through the app's tile proxy, with the map's attribution.
            page.navigate(base + "/properties/" + property);
            assertThat(page.locator("#property-map img.leaflet-tile-loaded").first())
                    .hasAttribute("src", Pattern.compile("/imagery/tiles/\\d+/\\d+/\\d+\\.png"));
            assertThat(page.locator(".leaflet-control-attribution")).containsText("OpenStreetMap");
            assertThat(page.locator("#tiles-offline")).isHidden();
            assertThat(page.locator("#imagery figure.shot")).hasCount(2);
            BrowserSupport.screenshot(page, "72-property-imagery");

            page.navigate(base + "/settings/imagery");
            assertThat(page.locator("h1")).hasText("Imagery");
            assertThat(page.locator("table.data").nth(1)).containsText("sandbox");
            assertThat(page.locator("body")).containsText("Cost per lead this month");
            assertThat(page.locator("body")).containsText("2210 Elm Hill Pike");
            page.getByLabel("Monthly budget for Google Street View Static").fill("ten dollars");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save budgets")).click();
            assertThat(page.locator(".flash.error")).containsText("Monthly budget for Google Street View Static: 'ten dollars' is not an amount in dollars");
            page.getByLabel("Monthly budget for Google Street View Static").fill("10");
            page.getByLabel("Daily quota for Google Street View Static").fill("200");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save budgets")).click();
            assertThat(page.locator(".flash.notice")).containsText("Imagery budgets saved");
            assertThat(page.getByLabel("Monthly budget for Google Street View Static")).hasValue("10.00");
            BrowserSupport.screenshot(page, "73-imagery-spend");
        } finally {
            context.close();
        }
    }

    /** A located home with a 16 x 10 m footprint. */
    UUID home(Fixtures.Company company, double lat, double lon) {
        return new Fixtures(identity, jdbc).homeWithFootprint(company, "2210 Elm Hill Pike", lat, lon);
    }
}

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
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.leads.NewLead;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.TestDatabaseInitializer;

/**
 * A sales manager has the AI assistant call a lead, in the sandbox: the call is asked for from the lead page, the
 * manager answers as the homeowner on the call page and types what a homeowner would say, the transcript grows turn
 * by turn, and the summary lands on the call and on the lead's timeline with the inspection booked. Screenshots go to
 * target/browser-artifacts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "db-scheduler.polling-interval=200ms", "ridgeline.test.context=voice"})
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class VoiceBrowserTests extends BrowserTest {

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
    void theAssistantCallsALeadAndThePersonAtTheScreenAnswersAsTheHomeowner() {
        String base = "http://localhost:" + PORT;
        Fixtures fixtures = new Fixtures(identity, jdbc);
        Fixtures.Company company = fixtures.company("Skyview Roofing");
        UUID home = fixtures.homeWithOwner(company, "2210 Elm Hill Pike", "+16155550142", "pat@example.com");
        jdbc.sql("""
                insert into property.consent (tenant_id, id, contact_id, channel, granted, kind, source, given_at,
                  text_shown, ip, recorded_at)
                select tenant_id, gen_random_uuid(), id, 'CALL', true, 'EXPRESS_WRITTEN', 'storm-check form', now(),
                  'You may call me about my roof, including automated calls.', '203.0.113.7', now()
                from property.contact where tenant_id = :t and property_id = :p""")
                .param("t", company.id().value()).param("p", home).update();
        var lead = leads.createForHome(company.ownerActor(), new NewLead("2210 Elm Hill Pike", "Nashville", "TN",
                "37210", "Pat Jones", 36.1627, -86.7816, null, null), home);

        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        Page page = context.newPage();
        try {
            page.navigate(base + "/login");
            BrowserSupport.signInWithPassword(page, company.owner().email());
            page.navigate(base + "/leads/" + lead.id());
            var calls = page.locator("#calls");
            assertThat(calls).containsText("The AI assistant says it is automated");
            calls.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
                    .setName("Call with the AI assistant")).click();
            assertThat(calls.locator("table.data")).containsText("under way");
            calls.getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Open")).click();

            assertThat(page.locator("h1")).hasText("AI call to Pat Jones");
            assertThat(page.locator("body")).containsText("sandbox: no real call is made, you play the homeowner");
            // htmx must have taken the page over before its buttons do anything.
            page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Answer as the homeowner")).click();
            var transcript = page.locator("ol.transcript");
            assertThat(transcript).containsText("Hi, this is Ava, an automated assistant calling for Skyview Roofing");
            String[] turns = {"Yes, speaking", "about 20 years", "no", "some shingles blew off",
                    "we already filed a claim", "the first one"};
            boolean speech = page.getByLabel("spoken aloud and heard by the recogniser").count() > 0;
            for (int i = 0; i < turns.length; i++) {
                String said = turns[i];
                var box = page.getByLabel("What the homeowner says");
                box.fill(said);
                boolean spoken = speech && said.startsWith("some shingles");
                if (spoken) {
                    // This answer goes through the air: Festival speaks it, 8 kHz µ-law carries it, PocketSphinx hears it.
                    var speechAudio = page.locator("audio.assistant-speech");
                    assertThat(speechAudio).hasCount(1);
                    var wav = page.request().get(base + speechAudio.getAttribute("src"));
                    org.assertj.core.api.Assertions.assertThat(wav.headers().get("content-type")).isEqualTo("audio/wav");
                    org.assertj.core.api.Assertions.assertThat(wav.body().length).isGreaterThan(8_000);
                    page.getByLabel("spoken aloud and heard by the recogniser").check();
                }
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Say it")).click();
                assertThat(transcript.locator("li.caller")).hasCount(i + 1);
                assertThat(transcript.locator("li.caller").nth(i)).containsText(said);
                if (spoken) {
                    assertThat(page.locator("p.heard")).containsText("Typed \"some shingles blew off\"; spoken and heard "
                            + "by pocketsphinx en-us, call words");
                    BrowserSupport.screenshot(page, "86-sandbox-reply-spoken-and-heard");
                }
                if (said.equals("about 20 years")) {
                    BrowserSupport.screenshot(page, "80-ai-call-in-the-sandbox");
                }
            }
            assertThat(page.locator("#call")).containsText("AI call: Inspection booked; qualified; roof about 20 years "
                    + "old; no leaks; damage noticed; claim filed; inspection booked for ");
            assertThat(page.locator("#call")).containsText("You're booked for a free roof inspection on");
            assertThat(page.getByLabel("What the homeowner says")).hasCount(0);
            if (speech) {
                // The sandbox call's recording: its transcript spoken with local speech once the call has ended.
                var recording = page.locator("#call audio[src$='/recording']");
                for (int i = 0; i < 40 && recording.count() == 0; i++) {
                    page.waitForTimeout(500);
                    page.reload();
                }
                assertThat(recording).hasCount(1);
                var wav = page.request().get(base + recording.getAttribute("src"));
                org.assertj.core.api.Assertions.assertThat(wav.headers().get("content-type")).isEqualTo("audio/wav");
                org.assertj.core.api.Assertions.assertThat(wav.body().length).as("seconds of speech")
                        .isGreaterThan(8_000 * 2 * 20);
                page.evaluate("window.scrollTo(0, 0)");
            }
            BrowserSupport.screenshot(page, "81-ai-call-summary");

            page.navigate(base + "/leads/" + lead.id());
            assertThat(page.locator(".timeline")).containsText("AI call: Inspection booked");
            assertThat(page.locator("#calls table.data")).containsText("AI call: Inspection booked");
            BrowserSupport.screenshot(page, "82-lead-after-ai-call");

            // Click-to-call: the rep's phone first (here, the person at the screen), then the homeowner.
            identity.updateProfile(company.ownerActor(), company.owner().name(), "+16155550111");
            page.locator("#calls").getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
                    .setName("Call me, then the homeowner")).click();
            assertThat(page.locator("#calls table.data tbody tr")).hasCount(2);
            page.locator("#calls table.data tbody tr").first().getByRole(AriaRole.LINK).click();
            assertThat(page.locator("h1")).hasText("Click-to-call to Pat Jones");
            page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Answer as the rep")).click();
            assertThat(page.locator("ol.transcript")).containsText("(to the rep) Connecting you to Pat Jones at 2210 Elm "
                    + "Hill Pike");
            assertThat(page.locator("ol.transcript")).containsText("(no recording notice) TN needs one party's consent");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("The homeowner answers; hang up after "
                    + "talking")).click();
            assertThat(page.locator("#call")).containsText("Click-to-call: talked 0 min");
            BrowserSupport.screenshot(page, "85-click-to-call");
            page.navigate(base + "/leads/" + lead.id());

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("AI call figures")).click();
            assertThat(page.locator("h1")).hasText("AI call figures");
            assertThat(page.locator("table.data").first()).containsText("All calls");
            assertThat(page.locator("table.data").nth(2)).containsText("Ava, friendly");
            BrowserSupport.screenshot(page, "83-ai-call-figures");

            page.navigate(base + "/settings/voice");
            assertThat(page.locator("h1")).hasText("AI assistant");
            page.getByLabel("The assistant's name").fill("Sam");
            page.getByLabel("Inspection times (hours of the day, Monday to Saturday)").fill("9, 25");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
            assertThat(page.locator(".flash.error")).containsText("inspection hours must be whole hours from 7 to 19. "
                    + "Nothing was changed.");
            assertThat(page.getByLabel("The assistant's name")).hasValue("Ava");
            page.getByLabel("The assistant's name").fill("Sam");
            page.getByLabel("Tone").selectOption("brief");
            page.getByLabel("Inspection times (hours of the day, Monday to Saturday)").fill("15, 9");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
            assertThat(page.locator(".flash.notice")).containsText("Saved");
            assertThat(page.getByLabel("Inspection times (hours of the day, Monday to Saturday)")).hasValue("9, 15");
            assertThat(page.getByLabel("Tone")).hasValue("brief");
            BrowserSupport.screenshot(page, "84-ai-assistant-settings");
        } finally {
            context.close();
        }
    }
}

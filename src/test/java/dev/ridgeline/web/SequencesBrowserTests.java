package dev.ridgeline.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.leads.NewLead;
import dev.ridgeline.outreach.EmailTemplates;
import dev.ridgeline.outreach.template.TemplateDraft;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.MutableClock;
import dev.ridgeline.test.TestClockConfiguration;
import dev.ridgeline.test.TestDatabaseInitializer;

/**
 * A manager builds a three-step sequence in the browser (an email at once, a text two business days later, a
 * door-knock task the day after), enrols two leads from the lead list, and, as the clock moves, sees the emails and
 * texts in the Outbox; one homeowner answers the text, and that lead leaves the sequence and becomes Engaged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "ridgeline.outreach.sandbox-step-delay=100ms", "db-scheduler.polling-interval=200ms",
        "ridgeline.test.context=sequences"})
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import(TestClockConfiguration.class)
class SequencesBrowserTests extends BrowserTest {

    static final int PORT = freePort();
    static final LocatorAssertions.ContainsTextOptions PATIENT = new LocatorAssertions.ContainsTextOptions()
            .setTimeout(15_000);

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

    @Autowired
    EmailTemplates templates;

    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aManagerBuildsASequenceEnrolsLeadsAndWatchesItWork() {
        // A Monday, 10:00 in Nashville: every sending window is open.
        var monday = clock.instant().atZone(ZoneOffset.UTC).plusDays(1).with(TemporalAdjusters.next(DayOfWeek.MONDAY))
                .truncatedTo(ChronoUnit.DAYS).withHour(16);
        clock.advance(Duration.between(clock.instant(), monday.toInstant()));
        String base = "http://localhost:" + PORT;
        Fixtures fixtures = new Fixtures(identity, jdbc);
        Fixtures.Company company = fixtures.company("Cascade Roofing");
        for (String who : List.of("ann", "bob")) {
            String address = "12 " + Character.toUpperCase(who.charAt(0)) + who.substring(1) + " Street";
            var home = fixtures.homeWithOwner(company, address, who.equals("ann") ? "+16155550161" : "+16155550162",
                    who + "@example.com");
            leads.createForHome(company.ownerActor(), new NewLead(address, "Nashville", "TN", "37210", "Pat Jones", null,
                    null, null, null), home);
        }
        templates.save(company.ownerActor(), null, new TemplateDraft("Storm follow-up", "Hail near {{property.address}}",
                "<p>Hi {{owner.firstName | \"there\"}}, the hail came close. Free roof check?</p>", true, true));

        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        Page page = context.newPage();
        try {
            page.navigate(base + "/login");
            BrowserSupport.signInWithPassword(page, company.owner().email());
            page.navigate(base + "/sequences");
            BrowserSupport.screenshot(page, "60-sequences-empty");
            page.getByLabel("Name").fill("Storm follow-up");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create sequence")).click();
            assertThat(page.locator(".flash.notice")).containsText("Sequence 'Storm follow-up' created");

            // Step 1: the email at once.
            page.getByLabel("Kind").selectOption("EMAIL");
            page.getByLabel("Delay", new Page.GetByLabelOptions().setExact(true)).fill("0");
            page.getByLabel("Delay unit").selectOption("MINUTES");
            page.getByLabel("Email template (email steps)").selectOption(new com.microsoft.playwright.options.SelectOption()
                    .setLabel("Storm follow-up"));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add step")).click();
            assertThat(page.locator(".flash.notice")).containsText("Step 1 added.");
            // Step 2: a text two business days later. A misspelt field is refused with the step and the reason.
            page.getByLabel("Kind").selectOption("SMS");
            page.getByLabel("Delay", new Page.GetByLabelOptions().setExact(true)).fill("2");
            page.getByLabel("Delay unit").selectOption("BUSINESS_DAYS");
            page.getByLabel("Text, call script or task note").fill("Hi {{owner.frist}}, free roof check?");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add step")).click();
            assertThat(page.locator(".flash.error")).containsText("step 2: line 1, column 4: unknown field 'owner.frist'");
            page.getByLabel("Kind").selectOption("SMS");
            page.getByLabel("Delay", new Page.GetByLabelOptions().setExact(true)).fill("2");
            page.getByLabel("Delay unit").selectOption("BUSINESS_DAYS");
            page.getByLabel("Text, call script or task note").fill("Hi {{owner.firstName | \"there\"}}, the hail hit "
                    + "near {{property.address}}. Free roof check this week? Reply STOP to opt out.");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add step")).click();
            assertThat(page.locator(".flash.notice")).containsText("Step 2 added.");
            // Step 3: a door knock the day after.
            page.getByLabel("Kind").selectOption("TASK");
            page.getByLabel("Delay", new Page.GetByLabelOptions().setExact(true)).fill("1");
            page.getByLabel("Delay unit").selectOption("DAYS");
            page.getByLabel("Task (task steps)").selectOption("DOOR_KNOCK");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add step")).click();
            assertThat(page.locator("table.sequence-steps tbody tr")).hasCount(3);
            assertThat(page.locator("table.sequence-steps")).containsText("Text, 2 business days later");
            BrowserSupport.screenshot(page, "61-sequence-builder");

            // Step 2 on its own page: a preview on a real lead, then its delay changed and changed back.
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Text, 2 business days later")).click();
            page.getByLabel("Lead to preview on").selectOption(new com.microsoft.playwright.options.SelectOption()
                    .setLabel("12 Bob Street, Nashville, TN"));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Preview")).click();
            assertThat(page.locator(".step-preview")).containsText("Hi Pat, the hail hit near 12 Bob Street");
            BrowserSupport.screenshot(page, "67-sequence-step-preview");
            page.getByLabel("Delay", new Page.GetByLabelOptions().setExact(true)).fill("3");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save step")).click();
            assertThat(page.locator(".flash.notice")).containsText("Step 2 saved.");
            assertThat(page.locator(".pagehead")).containsText("Text, 3 business days later");
            page.getByLabel("Delay", new Page.GetByLabelOptions().setExact(true)).fill("2");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save step")).click();
            assertThat(page.locator(".pagehead")).containsText("Text, 2 business days later");

            // Enrol both leads from the lead list.
            page.navigate(base + "/leads");
            page.getByLabel("Choose 12 Ann Street, Nashville, TN").check();
            page.getByLabel("Choose 12 Bob Street, Nashville, TN").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enrol the chosen leads in a sequence")).click();
            assertThat(page.locator("h1")).containsText("Enrol 2 leads in a sequence");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enrol")).click();
            assertThat(page.locator(".flash.notice")).containsText("2 lead(s) enrolled.");
            assertThat(page.locator("table.enrolments tbody tr")).hasCount(2);

            // Ten minutes on: both emails are out; two business days on: both texts.
            clock.advance(Duration.ofMinutes(11));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql(
                    "select count(*) from outreach.message where tenant_id = :t and channel = 'EMAIL'")
                    .param("t", company.id().value()).query(Integer.class).single() == 2);
            page.navigate(base + "/outbox");
            assertThat(page.locator("#outbox-rows")).containsText("bob@example.com", PATIENT);
            assertThat(page.locator("#outbox-rows")).containsText("ann@example.com", PATIENT);
            clock.advance(Duration.ofDays(2).plusMinutes(15));
            assertThat(page.locator("#outbox-rows")).containsText("+16155550161", PATIENT);
            assertThat(page.locator("#outbox-rows")).containsText("+16155550162", PATIENT);
            BrowserSupport.screenshot(page, "62-sequence-outbox");

            // Ann answers the text: she leaves the sequence and her lead is Engaged.
            page.locator("#outbox-rows tr", new Page.LocatorOptions().setHasText("+16155550161")).locator("a").first().click();
            page.locator("textarea[name=text]").fill("Yes please, the roof leaks since the storm");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the reply")).click();
            assertThat(page.locator(".bubble.theirs")).containsText("the roof leaks");
            page.navigate(base + "/sequences");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Storm follow-up")).click();
            assertThat(page.locator("table.enrolments tr", new Page.LocatorOptions().setHasText("12 Ann Street")))
                    .containsText("Stopped replied by text");
            assertThat(page.locator("table.enrolments tr", new Page.LocatorOptions().setHasText("12 Bob Street")))
                    .containsText("Active");
            assertThat(page.locator("table.sequence-steps tbody tr").nth(1)).containsText("1", new LocatorAssertions.ContainsTextOptions());
            BrowserSupport.screenshot(page, "63-sequence-enrolments");
            page.locator("table.enrolments").getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions()
                    .setName("12 Ann Street, Nashville, TN")).click();
            assertThat(page.locator(".pagehead .badge")).hasText("Engaged");
            assertThat(page.locator(".timeline")).containsText("Moved from Contacted to Engaged");
            BrowserSupport.screenshot(page, "64-lead-engaged");

            // A day on, Bob's door knock is the rep's task for today, ticked off on a phone.
            clock.advance(Duration.ofDays(1).plusMinutes(15));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql(
                    "select count(*) from sequences.task where tenant_id = :t").param("t", company.id().value())
                    .query(Integer.class).single() == 1);
            page.setViewportSize(390, 844);
            page.navigate(base + "/tasks");
            assertThat(page.locator(".tasklist")).containsText("Knock on the door: 12 Bob Street, Nashville, TN");
            BrowserSupport.screenshot(page, "65-tasks-phone");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Done")).click();
            assertThat(page.locator(".card.empty")).containsText("Nothing due today");

            // Ann signs: the job value goes on her lead, and the sequence's funnel and revenue show it.
            page.setViewportSize(1280, 900);
            page.navigate(base + "/leads");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("12 Ann Street, Nashville, TN")).click();
            page.getByLabel("Stage").selectOption("SIGNED");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Move")).click();
            page.getByLabel("Job value in dollars").fill("14,500");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save").setExact(true)).click();
            assertThat(page.locator(".flash.notice")).containsText("Job value saved.");
            assertThat(page.locator(".timeline")).containsText("Job value set to $14,500.00");
            page.navigate(base + "/sequences");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Storm follow-up")).click();
            assertThat(page.locator("table.funnel-table tr", new Page.LocatorOptions().setHasText("Engaged")))
                    .containsText("1");
            assertThat(page.locator("table.funnel-table tr", new Page.LocatorOptions().setHasText("Signed")))
                    .containsText("50.0%");
            assertThat(page.locator("table.credits")).containsText("Text");
            assertThat(page.getByText("Revenue:")).containsText("$14,500.00 from 1 of 1 won lead(s)");

            // A fourth step as an A/B test, and a storm trigger.
            page.getByLabel("Kind").selectOption("SMS");
            page.getByLabel("Delay", new Page.GetByLabelOptions().setExact(true)).fill("3");
            page.getByLabel("Delay unit").selectOption("DAYS");
            page.getByLabel("Text, call script or task note").fill("Still thinking about the roof? Reply STOP to opt out.");
            page.locator("details.ab-test summary").click();
            page.getByLabel("Variant B text, script or note").fill("Your neighbours booked their free check. Reply STOP to opt out.");
            page.getByLabel("Judged on").selectOption("BOOKED");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add step")).click();
            assertThat(page.locator("table.sequence-steps tbody tr").nth(3)).containsText("A/B test on booked rate");
            page.getByLabel("When", new Page.GetByLabelOptions().setExact(true)).selectOption("STORM");
            page.getByLabel("Hail of at least (inches; storms)").fill("1.25");
            page.getByLabel("Only in ZIP codes (storms; empty: every home on file)").fill("37210");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add trigger")).click();
            assertThat(page.locator("ul.triggers")).containsText("When hail of 1.25 in or more hits a home in 37210");
            BrowserSupport.screenshot(page, "66-sequence-conversions");
        } finally {
            context.close();
        }
    }
}

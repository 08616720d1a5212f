package dev.ridgeline.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.leads.Lead;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.leads.NewLead;
import dev.ridgeline.outreach.template.EmailTemplate;
import dev.ridgeline.outreach.template.TemplateDraft;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.RidgelineTest;

/** Templates checked when saved, previewed on a real lead with its merge fields, and sent as HTML with a text part. */
@RidgelineTest
class EmailTemplatesIntegrationTests {

    @Autowired
    EmailTemplates templates;

    @Autowired
    OutreachService outreach;

    @Autowired
    LeadsService leads;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Autowired
    dev.ridgeline.test.MutableClock clock;

    @Autowired
    dev.ridgeline.outreach.template.MergeFieldSource mergeFields;

    Fixtures.Company company;
    Lead lead;

    @org.junit.jupiter.api.AfterEach
    void resetClock() {
        clock.reset();
    }

    @BeforeEach
    void setUp() {
        company = new Fixtures(identity, jdbc).company("Template Roofing");
        lead = leads.create(company.ownerActor(), new NewLead("412 Elm St", "Nashville", "TN", "37203", "Jones, Pat",
                null, null, company.owner().id(), null));
    }

    @Test
    void aTemplateIsCheckedPreviewedOnALeadAndSentAsHtmlWithATextPart() {
        assertThatThrownBy(() -> templates.save(company.ownerActor(), null, new TemplateDraft("Broken",
                "Hi {{owner.first}}", "<p>ok</p>\n{{#if roof.ageYears}}x", true, true)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.fieldErrors().get("subject")).startsWith("line 1, column 4: unknown field 'owner.first'");
                    assertThat(e.fieldErrors().get("bodyHtml")).contains("line 2, column 1").contains("never closed");
                });

        EmailTemplate t = templates.save(company.ownerActor(), null, new TemplateDraft("Storm follow-up",
                "Hail near {{property.address}}?", "<p>Hi {{owner.firstName | \"there\"}},</p>{{#if storm.date}}<p>hail "
                        + "on {{storm.date}}</p>{{else}}<p>storms were hard on roofs in {{property.city}}.</p>{{/if}}"
                        + "<p>{{rep.name}}, {{company.name}}</p>", true, true));
        var preview = templates.preview(company.ownerActor(), new TemplateDraft(t.name(), t.subject(), t.bodyHtml(),
                true, true), lead.id());
        assertThat(preview.subject()).isEqualTo("Hail near 412 Elm St?");
        assertThat(preview.html()).isEqualTo("<p>Hi Pat,</p><p>storms were hard on roofs in Nashville.</p>"
                + "<p>Olivia Owner, " + company.tenant().name() + "</p>");
        assertThat(preview.text()).isEqualTo("Hi Pat,\n\nstorms were hard on roofs in Nashville.\n\nOlivia Owner, "
                + company.tenant().name() + "\n");
        assertThat(preview.missing()).isEmpty();

        OutboundMessage m = templates.send(company.ownerActor(), t.id(), lead.id(), "pat@example.com", "k1");
        assertThat(m.subject()).isEqualTo("Hail near 412 Elm St?");
        assertThat(m.htmlBody()).startsWith("<p>Hi Pat,</p>").contains("Template Roofing LLC, 12 Main St, Nashville, TN 37203")
                .contains("/u/");
        assertThat(m.body()).startsWith("Hi Pat,\n\n").contains("To stop emails from");
        await().atMost(Duration.ofSeconds(10)).until(() -> outreach.find(company.id(), m.id()).orElseThrow().status(),
                s -> s == MessageStatus.DELIVERED);
        // The same key sends once.
        assertThat(templates.send(company.ownerActor(), t.id(), lead.id(), "pat@example.com", "k1").id()).isEqualTo(m.id());

        // A batch (a sequence's steps) sends the same email, reading the merge fields of all its leads together:
        // the same fields as one at a time, for a lead with a home and people and for one without.
        UUID home = new Fixtures(identity, jdbc).homeWithOwner(company, "9 Batch Road", "+16155550177", "b@example.com");
        Lead withHome = leads.createForHome(company.ownerActor(), new NewLead("9 Batch Road", "Nashville", "TN", "37203",
                null, null, null, company.owner().id(), null), home);
        var batchFields = mergeFields.fieldsOf(company.ownerActor(), java.util.List.of(lead.id(), withHome.id()));
        assertThat(batchFields.get(lead.id())).isEqualTo(mergeFields.fields(company.ownerActor(), lead.id()).orElseThrow());
        assertThat(batchFields.get(withHome.id())).isEqualTo(mergeFields.fields(company.ownerActor(), withHome.id())
                .orElseThrow()).containsEntry(dev.ridgeline.outreach.template.MergeField.OWNER_FIRST_NAME, "Pat");
        var queued = templates.sendAll(company.ownerActor(), java.util.List.of(
                new EmailTemplates.TemplateSend(t.id(), lead.id(), "pat@example.com", "k2"),
                new EmailTemplates.TemplateSend(t.id(), withHome.id(), "not an address", "k3"),
                new EmailTemplates.TemplateSend(t.id(), lead.id(), "pat@example.com", "k1")));
        assertThat(queued).extracting(OutreachService.Queued::idempotencyKey).containsExactly("k2", "k3", "k1");
        assertThat(queued.get(1).messageId()).isNull();
        assertThat(queued.get(1).refused()).isEqualTo("'not an address' is not an email address");
        assertThat(queued.get(2).messageId()).as("a key sent before is the message sent then").isEqualTo(m.id());
        OutboundMessage again = outreach.find(company.id(), queued.get(0).messageId()).orElseThrow();
        assertThat(again.subject()).isEqualTo(m.subject());
        // The HTML up to the footer (whose unsubscribe link and open pixel are the message's own).
        assertThat(again.htmlBody().substring(0, again.htmlBody().indexOf("<hr")))
                .isEqualTo(m.htmlBody().substring(0, m.htmlBody().indexOf("<hr")));
        assertThat(again.htmlBody()).contains("Template Roofing LLC, 12 Main St, Nashville, TN 37203");
        assertThat(again.body().replaceAll("/u/[\\w-]+", "/u/T")).isEqualTo(m.body().replaceAll("/u/[\\w-]+", "/u/T"));
    }

    @Test
    void opensAndClicksAreCountedThroughSignedLinksThatRedirectNowhereElse() throws Exception {
        EmailTemplate t = templates.save(company.ownerActor(), null, new TemplateDraft("Booking", "Book a time",
                "<p>Hi {{owner.firstName}}, <a href=\"https://acme.test/book?lead=1&amp;x=2\">book here</a>.</p>",
                true, true));
        OutboundMessage m = templates.send(company.ownerActor(), t.id(), lead.id(), "pat@example.com", "k3");
        String html = outreach.find(company.id(), m.id()).orElseThrow().htmlBody();
        var click = java.util.regex.Pattern.compile("href=\"(http://localhost/t/c/[^\"]+)\"").matcher(html);
        assertThat(click.find()).isTrue();
        assertThat(html).contains("/t/o/" + m.id() + ".gif?s=").contains("http://localhost/u/");
        String link = click.group(1).replace("&amp;", "&").substring("http://localhost".length());

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(java.net.URI.create(link))
                .header("User-Agent", "Mozilla/5.0 (iPhone) Mobile Safari"))
                .andExpect(status().isFound())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
                        .string("Location", "https://acme.test/book?lead=1&x=2"));
        // The same link pointed elsewhere is refused, not followed.
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(java.net.URI.create(
                link.replace("acme.test", "evil.test")))).andExpect(status().isBadRequest())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header().doesNotExist("Location"));

        var pixel = java.util.regex.Pattern.compile("/t/o/[^\"]+").matcher(html);
        assertThat(pixel.find()).isTrue();
        // Apple's privacy proxy fetches with a bare user agent: a machine open. A person's mail app later: a human one.
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(pixel.group())
                .header("User-Agent", "Mozilla/5.0")).andExpect(status().isOk())
                .andExpect(content().contentType("image/gif"));
        clock.advance(Duration.ofMinutes(5));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(pixel.group())
                .header("User-Agent", "Mozilla/5.0 (Windows NT 10.0) Microsoft Outlook 16.0")).andExpect(status().isOk());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                "/t/o/" + m.id() + ".gif?s=forged")).andExpect(status().isOk());
        assertThat(jdbc.sql("select kind || ':' || machine from outreach.email_event where message_id = :m order by occurred_at, kind")
                .param("m", m.id()).query(String.class).list()).containsExactlyInAnyOrder("CLICK:false", "OPEN:true",
                        "OPEN:false");
        // The clock was moved: the sandbox's delivery callback is not awaited here, only the hand-over.
        await().atMost(Duration.ofSeconds(10)).until(() -> templates.stats(company.ownerActor()).get(t.id()),
                st -> st != null && st.sent() == 1);
        assertThat(templates.stats(company.ownerActor()).get(t.id())).satisfies(st -> {
            assertThat(st.sent()).isEqualTo(1);
            assertThat(st.openedByPeople()).as("a person opened it, so the machine open is not counted apart").isEqualTo(1);
            assertThat(st.openedByMachines()).isZero();
            assertThat(st.clicked()).isEqualTo(1);
            assertThat(st.replied()).isZero();
        });
    }

    @Test
    void aTemplateWithAVariantBSendsEachRecipientItsOwnVariant() throws Exception {
        EmailTemplate t = templates.save(company.ownerActor(), null, new TemplateDraft("Split", "Roof check for "
                + "{{property.address}}", "<p>Hi {{owner.firstName}}</p>", false, false, "Free inspection this week?",
                null));
        int[] seen = new int[2];
        for (int i = 0; i < 12; i++) {
            String to = "split" + i + "@example.com";
            OutboundMessage m = templates.send(company.ownerActor(), t.id(), lead.id(), to, "split-" + i);
            String variant = t.variantFor(to);
            assertThat(m.subject()).isEqualTo(variant.equals("B") ? "Free inspection this week?"
                    : "Roof check for 412 Elm St");
            assertThat(jdbc.sql("select variant from outreach.message where id = :id").param("id", m.id())
                    .query(String.class).single()).isEqualTo(variant);
            seen[variant.equals("B") ? 1 : 0]++;
        }
        assertThat(seen[0]).isPositive();
        assertThat(seen[1]).isPositive();
        await().atMost(Duration.ofSeconds(10)).until(() -> templates.variants(company.ownerActor()).get(t.id()),
                c -> c != null && c.a().sent() + c.b().sent() == 12);
        assertThat(templates.variants(company.ownerActor()).get(t.id()).verdict())
                .isEqualTo("not enough replies yet to compare");
        // A person opens one B message: counted for B alone, and each variant's own figures are on the page.
        UUID openedB = jdbc.sql("select id from outreach.message where template_id = :t and variant = 'B' limit 1")
                .param("t", t.id()).query(UUID.class).single();
        jdbc.sql("insert into outreach.email_event (tenant_id, id, message_id, kind, machine, source, occurred_at) "
                + "values (:tenant, gen_random_uuid(), :m, 'OPEN', false, 'pixel', now())")
                .param("tenant", company.id().value()).param("m", openedB).update();
        var ab = templates.variants(company.ownerActor()).get(t.id());
        assertThat(ab.a().openedByPeople()).isZero();
        assertThat(ab.b().openedByPeople()).isEqualTo(1);
        var session = new Fixtures(identity, jdbc).signIn(mvc, company.owner());
        String page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/templates")
                .cookie(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String rowA = page.substring(page.indexOf("Variant A"), page.indexOf("Variant B"));
        String rowB = page.substring(page.indexOf("Variant B"), page.indexOf("A/B on reply rate"));
        assertThat(rowA).contains("Roof check for {{property.address}}")
                .contains("<td class=\"num\">" + seen[0] + "</td>").contains("0 <span class=\"muted small\">(+0)");
        assertThat(rowB).contains("Free inspection this week?")
                .contains("<td class=\"num\">" + seen[1] + "</td>").contains("1 <span class=\"muted small\">(+0)");
        assertThat(page).contains("A/B on reply rate: not enough replies yet to compare");
        // A broken B is refused like a broken A.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> templates.save(company.ownerActor(), t.id(),
                new TemplateDraft("Split", "s", "<p>x</p>", false, false, "{{roof.age}}", null)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.fieldErrors().get("subjectB")).contains("unknown field 'roof.age'"));
    }

    @Test
    void aLeadWithoutAFieldTheTemplateNeedsIsNotSentTo() throws Exception {
        EmailTemplate t = templates.save(company.ownerActor(), null, new TemplateDraft("Roof age", "Your roof",
                "<p>Your roof is {{roof.ageYears}} years old.</p>", false, false));
        assertThatThrownBy(() -> templates.send(company.ownerActor(), t.id(), lead.id(), "pat@example.com", "k2"))
                .hasMessageContaining("Estimated roof age in years ({{roof.ageYears}})");
        // The editor's preview says the same, over HTTP as the page asks for it.
        var session = new Fixtures(identity, jdbc).signIn(mvc, company.owner());
        mvc.perform(post("/templates/preview").cookie(session).with(
                org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .param("subject", t.subject()).param("bodyHtml", t.bodyHtml()).param("leadId", lead.id().toString()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("This lead has no value for")));
    }
}

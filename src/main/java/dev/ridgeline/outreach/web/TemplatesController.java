package dev.ridgeline.outreach.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ridgeline.outreach.EmailTemplates;
import dev.ridgeline.outreach.OutboundMessage;
import dev.ridgeline.outreach.template.EmailTemplate;
import dev.ridgeline.outreach.template.MergeField;
import dev.ridgeline.outreach.template.MergeFieldSource;
import dev.ridgeline.outreach.template.TemplateDraft;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.platform.web.Flash;
import dev.ridgeline.platform.web.FormState;

/** Email templates: the list, the editor with its field catalog, the preview on a real lead, and sending to a lead. */
@Controller
class TemplatesController {

    static final String EXAMPLE = """
            <p>Hi {{owner.firstName | "there"}},</p>
            {{#if storm.date}}<p>On {{storm.date}}, hail of {{storm.hailSize}} in was reported {{storm.distanceMiles}} mi \
            from {{property.address}}.</p>{{else}}<p>This season's storms were hard on roofs around {{property.city | "town"}}.</p>{{/if}}
            {{#if roof.ageYears}}<p>Your roof is about {{roof.ageYears}} years old.</p>{{/if}}
            <p>We are inspecting roofs on your street this week, free of charge. Reply to pick a time.</p>
            <p>{{rep.name | "The team"}}<br>{{company.name}}{{#if company.phone}} · {{company.phone}}{{/if}}</p>
            """;

    private final EmailTemplates templates;
    private final MergeFieldSource leads;

    TemplatesController(EmailTemplates templates, MergeFieldSource leads) {
        this.templates = templates;
        this.leads = leads;
    }

    @GetMapping("/templates")
    String list(Actor actor, Model model) {
        model.addAttribute("templates", templates.list(actor));
        model.addAttribute("stats", templates.stats(actor));
        model.addAttribute("variants", templates.variants(actor));
        return "outreach/templates";
    }

    @GetMapping("/templates/new")
    String create(Actor actor, Model model) {
        return editor(actor, model, null, FormState.of(Map.of("name", "Storm follow-up", "subject",
                "Hail near {{property.address | \"your home\"}} on {{storm.date | \"a recent storm\"}}", "bodyHtml",
                EXAMPLE, "trackOpens", "true", "trackClicks", "true", "subjectB", "", "bodyHtmlB", "")));
    }

    @GetMapping("/templates/{templateId}")
    String edit(Actor actor, @PathVariable UUID templateId, Model model) {
        EmailTemplate t = templates.get(actor, templateId);
        return editor(actor, model, t.id(), FormState.of(values(t.name(), t.subject(), t.bodyHtml(), t.trackOpens(),
                t.trackClicks(), t.subjectB(), t.bodyHtmlB())));
    }

    @PostMapping({"/templates", "/templates/{templateId}"})
    String save(Actor actor, @PathVariable(name = "templateId", required = false) @Nullable UUID id,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String subject, @RequestParam(defaultValue = "") String bodyHtml,
            @RequestParam(defaultValue = "false") boolean trackOpens,
            @RequestParam(defaultValue = "false") boolean trackClicks, @RequestParam(defaultValue = "") String subjectB,
            @RequestParam(defaultValue = "") String bodyHtmlB, Model model, RedirectAttributes redirect) {
        try {
            EmailTemplate t = templates.save(actor, id, new TemplateDraft(name, subject, bodyHtml, trackOpens, trackClicks,
                    subjectB, bodyHtmlB));
            Flash.notice(redirect, "Template '" + t.name() + "' saved.");
            return "redirect:/templates/" + t.id();
        } catch (InvalidInputException e) {
            return editor(actor, model, id, FormState.failed(values(name, subject, bodyHtml, trackOpens, trackClicks,
                    subjectB, bodyHtmlB), e));
        }
    }

    @PostMapping("/templates/{templateId}/delete")
    String delete(Actor actor, @PathVariable UUID templateId, RedirectAttributes redirect) {
        templates.delete(actor, templateId);
        Flash.notice(redirect, "Template deleted.");
        return "redirect:/templates";
    }

    /** The preview panel (htmx): the form as it stands, rendered for the chosen lead. */
    @PostMapping("/templates/preview")
    String preview(Actor actor, @RequestParam String subject, @RequestParam String bodyHtml,
            @RequestParam(required = false) @Nullable UUID leadId, Model model) {
        model.addAttribute("preview", null);
        model.addAttribute("error", null);
        if (leadId == null) {
            model.addAttribute("error", "Choose a lead to preview on.");
        } else {
            try {
                model.addAttribute("preview", templates.preview(actor, new TemplateDraft("preview", subject, bodyHtml,
                        false, false), leadId));
            } catch (InvalidInputException e) {
                model.addAttribute("error", String.join(" ", e.fieldErrors().values()));
            } catch (NotFoundException e) {
                model.addAttribute("error", "That lead is not there any more.");
            }
        }
        return "outreach/template-preview";
    }

    @PostMapping("/templates/{templateId}/send")
    String send(Actor actor, @PathVariable("templateId") UUID id, @RequestParam(required = false) @Nullable UUID leadId,
            @RequestParam(defaultValue = "") String to, @RequestParam(defaultValue = "") String key,
            RedirectAttributes redirect) {
        templates.get(actor, id);
        if (leadId == null || key.isBlank()) {
            Flash.error(redirect, "Choose a lead to send to.");
            return "redirect:/templates/" + id;
        }
        try {
            OutboundMessage m = templates.send(actor, id, leadId, to, "template:" + key);
            Flash.notice(redirect, "Queued to " + m.to() + ".");
            return "redirect:/outbox/" + m.id();
        } catch (InvalidInputException e) {
            Flash.error(redirect, String.join(" ", e.fieldErrors().values()));
            return "redirect:/templates/" + id;
        }
    }

    private String editor(Actor actor, Model model, @Nullable UUID id, FormState form) {
        List<MergeFieldSource.LeadChoice> choices = leads.leads(actor, "", 25);
        model.addAttribute("id", id);
        model.addAttribute("form", form);
        model.addAttribute("fields", List.of(MergeField.values()));
        model.addAttribute("leads", choices);
        model.addAttribute("sendKey", UUID.randomUUID().toString());
        return "outreach/template";
    }

    private static Map<String, String> values(String name, String subject, String body, boolean opens, boolean clicks,
            @Nullable String subjectB, @Nullable String bodyB) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("subjectB", subjectB == null ? "" : subjectB);
        v.put("bodyHtmlB", bodyB == null ? "" : bodyB);
        v.put("name", name);
        v.put("subject", subject);
        v.put("bodyHtml", body);
        v.put("trackOpens", String.valueOf(opens));
        v.put("trackClicks", String.valueOf(clicks));
        return v;
    }
}

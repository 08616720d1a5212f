package dev.ridgeline.leads.web;

import java.util.Arrays;
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

import dev.ridgeline.leads.Lead;
import dev.ridgeline.leads.LeadStage;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.leads.LeadsService.LeadFilter;
import dev.ridgeline.leads.NewLead;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.UserId;
import dev.ridgeline.platform.web.Flash;
import dev.ridgeline.platform.web.FormState;

@Controller
class LeadsController {

    private final LeadsService leads;

    LeadsController(LeadsService leads) {
        this.leads = leads;
    }

    @GetMapping("/leads")
    String list(Actor actor, @RequestParam(required = false) @Nullable LeadStage stage,
            @RequestParam(required = false) @Nullable String q, Model model) {
        model.addAttribute("leads", leads.list(actor, new LeadFilter(stage, null, q, 500)));
        model.addAttribute("stage", stage);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("stages", Arrays.asList(LeadStage.values()));
        return "leads/list";
    }

    @GetMapping("/leads/new")
    String newForm(Actor actor, Model model) {
        model.addAttribute("form", FormState.empty());
        model.addAttribute("assignees", leads.assignees(actor));
        return "leads/new";
    }

    @PostMapping("/leads")
    String create(Actor actor, @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
        try {
            Lead lead = leads.create(actor, new NewLead(params.get("address"), params.get("city"), params.get("region"),
                    params.get("postalCode"), params.get("homeownerName"), number(params, "latitude"),
                    number(params, "longitude"), owner(params.get("ownerId")), params.get("notes")));
            Flash.notice(redirect, "Lead added.");
            return "redirect:/leads/" + lead.id();
        } catch (InvalidInputException e) {
            model.addAttribute("form", FormState.failed(params, e));
            model.addAttribute("assignees", leads.assignees(actor));
            return "leads/new";
        }
    }

    @GetMapping("/leads/{leadId}")
    String detail(Actor actor, @PathVariable UUID leadId, Model model) {
        model.addAttribute("lead", leads.get(actor, leadId));
        model.addAttribute("timeline", leads.timeline(actor, leadId));
        model.addAttribute("propertyId", leads.propertyOf(actor.tenantId(), leadId).orElse(null));
        model.addAttribute("stages", List.of(LeadStage.values()));
        model.addAttribute("assignees", leads.assignees(actor));
        java.math.BigDecimal value = leads.jobValues(actor.tenantId(), List.of(leadId)).get(leadId);
        model.addAttribute("jobValue", value == null ? "" : value.toPlainString());
        return "leads/detail";
    }

    @PostMapping("/leads/{leadId}/stage")
    String move(Actor actor, @PathVariable UUID leadId, @RequestParam LeadStage stage, RedirectAttributes redirect) {
        leads.moveTo(actor, leadId, stage);
        Flash.notice(redirect, "Moved to " + stage.label() + ".");
        return "redirect:/leads/" + leadId;
    }

    @PostMapping("/leads/{leadId}/assign")
    String assign(Actor actor, @PathVariable UUID leadId, @RequestParam(defaultValue = "") String ownerId,
            RedirectAttributes redirect) {
        Lead lead = leads.assign(actor, leadId, owner(ownerId));
        Flash.notice(redirect, lead.ownerName() == null ? "Lead unassigned." : "Assigned to " + lead.ownerName() + ".");
        return "redirect:/leads/" + leadId;
    }

    @PostMapping("/leads/{leadId}/job-value")
    String jobValue(Actor actor, @PathVariable UUID leadId, @RequestParam(defaultValue = "") String jobValue,
            RedirectAttributes redirect) {
        String v = jobValue.replace("$", "").replace(",", "").strip();
        try {
            leads.setJobValue(actor, leadId, v.isEmpty() ? null : new java.math.BigDecimal(v));
            Flash.notice(redirect, v.isEmpty() ? "Job value cleared." : "Job value saved.");
        } catch (NumberFormatException e) {
            Flash.error(redirect, "Job value: '" + jobValue.strip() + "' is not an amount in dollars");
        } catch (InvalidInputException e) {
            Flash.error(redirect, "Job value: " + e.fieldErrors().getOrDefault("jobValue", e.getMessage()));
        }
        return "redirect:/leads/" + leadId;
    }

    @PostMapping("/leads/{leadId}/notes")
    String note(Actor actor, @PathVariable UUID leadId, @RequestParam(defaultValue = "") String text,
            RedirectAttributes redirect) {
        try {
            leads.addNote(actor, leadId, text);
        } catch (InvalidInputException e) {
            Flash.error(redirect, "Note: " + e.fieldErrors().getOrDefault("text", e.getMessage()));
        }
        return "redirect:/leads/" + leadId;
    }

    static @Nullable UserId owner(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UserId.of(value.trim());
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("ownerId", "is not a user id");
        }
    }

    private static @Nullable Double number(Map<String, String> params, String field) {
        String v = params.get(field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw InvalidInputException.of(field, "'" + v + "' is not a number");
        }
    }
}

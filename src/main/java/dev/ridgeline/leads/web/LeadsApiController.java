package dev.ridgeline.leads.web;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.ridgeline.leads.Lead;
import dev.ridgeline.leads.LeadActivity;
import dev.ridgeline.leads.LeadStage;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.leads.LeadsService.LeadFilter;
import dev.ridgeline.leads.NewLead;
import dev.ridgeline.platform.Actor;

@RestController
@RequestMapping("/api/v1/leads")
@Tag(name = "Leads", description = "The sales pipeline")
class LeadsApiController {

    record StageChange(LeadStage stage) {
    }

    record Assignment(@Nullable String ownerId) {
    }

    private final LeadsService leads;

    LeadsApiController(LeadsService leads) {
        this.leads = leads;
    }

    @GetMapping
    @Operation(summary = "List leads, newest activity first")
    List<Lead> list(Actor actor, @RequestParam(required = false) @Nullable LeadStage stage,
            @RequestParam(required = false) @Nullable String q, @RequestParam(defaultValue = "100") int limit) {
        return leads.list(actor, new LeadFilter(stage, null, q, limit));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a lead")
    Lead create(Actor actor, @RequestBody NewLead lead) {
        return leads.create(actor, lead);
    }

    @GetMapping("/{leadId}")
    @Operation(summary = "One lead")
    Lead get(Actor actor, @PathVariable UUID leadId) {
        return leads.get(actor, leadId);
    }

    @GetMapping("/{leadId}/activity")
    @Operation(summary = "A lead's timeline, newest first")
    List<LeadActivity> activity(Actor actor, @PathVariable UUID leadId) {
        return leads.timeline(actor, leadId);
    }

    @PostMapping("/{leadId}/stage")
    @Operation(summary = "Move a lead to another stage")
    Lead move(Actor actor, @PathVariable UUID leadId, @RequestBody StageChange change) {
        return leads.moveTo(actor, leadId, change.stage());
    }

    @PostMapping("/{leadId}/assignment")
    @Operation(summary = "Assign a lead to a user of the company, or unassign it with a null ownerId")
    Lead assign(Actor actor, @PathVariable UUID leadId, @RequestBody Assignment assignment) {
        return leads.assign(actor, leadId, LeadsController.owner(assignment.ownerId()));
    }
}

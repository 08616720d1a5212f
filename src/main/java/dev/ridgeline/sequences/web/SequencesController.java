package dev.ridgeline.sequences.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.outreach.EmailTemplates;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.web.Flash;
import dev.ridgeline.leads.LeadStage;
import dev.ridgeline.sequences.AbGoal;
import dev.ridgeline.sequences.DelayUnit;
import dev.ridgeline.sequences.SequenceTrigger;
import dev.ridgeline.sequences.Sequence;
import dev.ridgeline.sequences.SequenceDraft;
import dev.ridgeline.sequences.SequenceStep;
import dev.ridgeline.sequences.SequencesService;
import dev.ridgeline.sequences.StepCondition;
import dev.ridgeline.sequences.StepKind;
import dev.ridgeline.sequences.TaskKind;

/**
 * The sequence pages: the list, the builder (steps added, moved and removed one at a time, each change saved as a
 * whole), the enrolments and per-step results of a sequence, and enrolling leads chosen on the lead list.
 */
@Controller
class SequencesController {

    private final SequencesService sequences;
    private final EmailTemplates templates;
    private final LeadsService leads;
    private final dev.ridgeline.identity.IdentityService identity;
    private final dev.ridgeline.insight.InsightService insight;

    SequencesController(SequencesService sequences, EmailTemplates templates, LeadsService leads,
            dev.ridgeline.identity.IdentityService identity, dev.ridgeline.insight.InsightService insight) {
        this.insight = insight;
        this.identity = identity;
        this.sequences = sequences;
        this.templates = templates;
        this.leads = leads;
    }

    @GetMapping("/sequences")
    String list(Actor actor, Model model) {
        model.addAttribute("sequences", sequences.list(actor));
        return "sequences/list";
    }

    @PostMapping("/sequences")
    String create(Actor actor, @RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
        try {
            Sequence s = sequences.save(actor, null, new SequenceDraft(name, 5, List.of()));
            Flash.notice(redirect, "Sequence '" + s.name() + "' created: add its steps.");
            return "redirect:/sequences/" + s.id();
        } catch (InvalidInputException e) {
            Flash.error(redirect, String.join(" ", e.fieldErrors().values()));
            return "redirect:/sequences";
        }
    }

    @GetMapping("/sequences/{sequenceId}")
    String show(Actor actor, @PathVariable UUID sequenceId, Model model) {
        model.addAttribute("sequence", sequences.get(actor, sequenceId));
        model.addAttribute("stats", sequences.stepStats(actor, sequenceId));
        model.addAttribute("enrolments", sequences.enrolments(actor, sequenceId, 200));
        model.addAttribute("templates", templates.list(actor));
        model.addAttribute("report", sequences.report(actor, sequenceId));
        model.addAttribute("triggers", sequences.triggers(actor, sequenceId));
        model.addAttribute("hotRules", insight.hotRules(actor));
        return "sequences/detail";
    }

    @PostMapping("/sequences/{sequenceId}/steps")
    String addStep(Actor actor, @PathVariable UUID sequenceId, StepForm form, RedirectAttributes redirect) {
        Sequence s = sequences.get(actor, sequenceId);
        List<SequenceStep> steps = new ArrayList<>(s.steps());
        steps.add(form.toStep(steps.size()));
        return save(actor, s, s.name(), s.weeklyCap(), steps, s.rules(), "Step " + steps.size() + " added.", redirect);
    }

    /** One step: its form to change it, and a preview on a real lead. */
    @GetMapping("/sequences/{sequenceId}/steps/{position}")
    String step(Actor actor, @PathVariable UUID sequenceId, @PathVariable int position,
            @RequestParam(required = false) @Nullable UUID leadId, Model model) {
        Sequence s = sequences.get(actor, sequenceId);
        if (position < 0 || position >= s.steps().size()) {
            throw new dev.ridgeline.platform.NotFoundException("step", position + 1);
        }
        List<dev.ridgeline.leads.Lead> choices = leads.list(actor, LeadsService.LeadFilter.all(200));
        UUID chosen = leadId != null ? leadId : choices.isEmpty() ? null : choices.getFirst().id();
        model.addAttribute("sequence", s);
        model.addAttribute("step", s.steps().get(position));
        model.addAttribute("templates", templates.list(actor));
        model.addAttribute("leads", choices);
        model.addAttribute("leadId", chosen == null ? "" : chosen.toString());
        model.addAttribute("preview", chosen == null ? null : sequences.preview(actor, sequenceId, position, chosen));
        return "sequences/step";
    }

    @PostMapping("/sequences/{sequenceId}/steps/{position}")
    String editStep(Actor actor, @PathVariable UUID sequenceId, @PathVariable int position, StepForm form,
            RedirectAttributes redirect) {
        Sequence s = sequences.get(actor, sequenceId);
        List<SequenceStep> steps = new ArrayList<>(s.steps());
        if (position < 0 || position >= steps.size()) {
            return "redirect:/sequences/" + sequenceId;
        }
        steps.set(position, form.toStep(position));
        save(actor, s, s.name(), s.weeklyCap(), steps, s.rules(), "Step " + (position + 1) + " saved.", redirect);
        return "redirect:/sequences/" + sequenceId + "/steps/" + position;
    }

    /** A step as the builder's form posts it (fields a kind does not use are ignored). */
    record StepForm(@Nullable StepKind kind, @Nullable Integer delayAmount, @Nullable DelayUnit delayUnit,
            @Nullable StepCondition condition, @Nullable String conditionValue, @Nullable String conditionStage,
            @Nullable UUID templateId, @Nullable String body, @Nullable TaskKind taskKind,
            @Nullable UUID variantTemplateId, @Nullable String variantBody, @Nullable AbGoal abGoal) {

        SequenceStep toStep(int position) {
            StepKind k = kind == null ? StepKind.EMAIL : kind;
            StepCondition c = condition == null ? StepCondition.ALWAYS : condition;
            String value = c == StepCondition.STAGE_AT_LEAST ? conditionStage : conditionValue;
            return new SequenceStep(position, k, delayAmount == null ? 0 : delayAmount,
                    delayUnit == null ? DelayUnit.DAYS : delayUnit, c, c.needsValue() ? (value == null ? "" : value) : null,
                    k == StepKind.EMAIL ? templateId : null, k == StepKind.EMAIL ? null : body,
                    k == StepKind.TASK ? taskKind : null, k == StepKind.EMAIL ? variantTemplateId : null,
                    k == StepKind.EMAIL ? null : variantBody, abGoal == null ? AbGoal.REPLY : abGoal);
        }
    }

    @PostMapping("/sequences/{sequenceId}/steps/{position}/move")
    String move(Actor actor, @PathVariable UUID sequenceId, @PathVariable int position,
            @RequestParam(defaultValue = "up") String direction, RedirectAttributes redirect) {
        Sequence s = sequences.get(actor, sequenceId);
        List<SequenceStep> steps = new ArrayList<>(s.steps());
        int other = "down".equals(direction) ? position + 1 : position - 1;
        if (position < 0 || position >= steps.size() || other < 0 || other >= steps.size()) {
            return "redirect:/sequences/" + sequenceId;
        }
        java.util.Collections.swap(steps, position, other);
        return save(actor, s, s.name(), s.weeklyCap(), steps, s.rules(), "Step moved.", redirect);
    }

    @PostMapping("/sequences/{sequenceId}/steps/{position}/remove")
    String remove(Actor actor, @PathVariable UUID sequenceId, @PathVariable int position, RedirectAttributes redirect) {
        Sequence s = sequences.get(actor, sequenceId);
        List<SequenceStep> steps = new ArrayList<>(s.steps());
        if (position >= 0 && position < steps.size()) {
            steps.remove(position);
        }
        return save(actor, s, s.name(), s.weeklyCap(), steps, s.rules(), "Step removed.", redirect);
    }

    /** Keeps one variant of an A/B-tested step (the winner, usually). */
    @PostMapping("/sequences/{sequenceId}/steps/{position}/promote")
    String promote(Actor actor, @PathVariable UUID sequenceId, @PathVariable int position,
            @RequestParam(defaultValue = "") String variant, RedirectAttributes redirect) {
        try {
            sequences.promote(actor, sequenceId, position, variant);
            Flash.notice(redirect, "Step " + (position + 1) + " now sends variant " + variant + " to everyone.");
        } catch (InvalidInputException e) {
            Flash.error(redirect, String.join(" ", e.fieldErrors().values()));
        }
        return "redirect:/sequences/" + sequenceId;
    }

    @PostMapping("/sequences/{sequenceId}/settings")
    String settings(Actor actor, @PathVariable UUID sequenceId, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "5") int weeklyCap,
            @RequestParam(defaultValue = "INSPECTION_BOOKED") LeadStage stopStage,
            @RequestParam(defaultValue = "") String reenrolAfterDays,
            @RequestParam(defaultValue = "false") boolean skipIfInOther,
            @RequestParam(defaultValue = "") String skipIfTouchedDays, RedirectAttributes redirect) {
        Sequence s = sequences.get(actor, sequenceId);
        Integer reenrol;
        Integer touched;
        try {
            reenrol = reenrolAfterDays.isBlank() ? null : Integer.valueOf(reenrolAfterDays.strip());
            touched = skipIfTouchedDays.isBlank() ? null : Integer.valueOf(skipIfTouchedDays.strip());
        } catch (NumberFormatException e) {
            Flash.error(redirect, "Days must be whole numbers (or empty).");
            return "redirect:/sequences/" + sequenceId;
        }
        return save(actor, s, name, weeklyCap, s.steps(), new Sequence.Rules(stopStage, reenrol, skipIfInOther, touched),
                "Saved.", redirect);
    }

    @PostMapping("/sequences/{sequenceId}/triggers")
    String addTrigger(Actor actor, @PathVariable UUID sequenceId,
            @RequestParam(defaultValue = "HOT_LEAD") SequenceTrigger.Kind kind,
            @RequestParam(required = false) @Nullable UUID hotRuleId,
            @RequestParam(required = false) @Nullable Double minHailInches,
            @RequestParam(required = false) @Nullable String zips, RedirectAttributes redirect) {
        try {
            sequences.addTrigger(actor, sequenceId, kind, hotRuleId, minHailInches, zips);
            Flash.notice(redirect, "Trigger added: matching leads are enrolled as it fires.");
        } catch (InvalidInputException e) {
            Flash.error(redirect, String.join(" ", e.fieldErrors().values()));
        }
        return "redirect:/sequences/" + sequenceId;
    }

    @PostMapping("/sequences/{sequenceId}/triggers/{triggerId}/remove")
    String removeTrigger(Actor actor, @PathVariable UUID sequenceId, @PathVariable UUID triggerId,
            RedirectAttributes redirect) {
        sequences.removeTrigger(actor, sequenceId, triggerId);
        Flash.notice(redirect, "Trigger removed.");
        return "redirect:/sequences/" + sequenceId;
    }

    @PostMapping("/sequences/{sequenceId}/status")
    String status(Actor actor, @PathVariable UUID sequenceId, @RequestParam Sequence.Status status,
            RedirectAttributes redirect) {
        sequences.setStatus(actor, sequenceId, status);
        Flash.notice(redirect, switch (status) {
            case ACTIVE -> "Sequence resumed: due steps go out now.";
            case PAUSED -> "Sequence paused: no step goes out until it is resumed.";
            case ARCHIVED -> "Sequence archived; its enrolments were stopped.";
        });
        return status == Sequence.Status.ARCHIVED ? "redirect:/sequences" : "redirect:/sequences/" + sequenceId;
    }

    @PostMapping("/sequences/{sequenceId}/enrolments/{enrolmentId}/stop")
    String stop(Actor actor, @PathVariable UUID sequenceId, @PathVariable UUID enrolmentId, RedirectAttributes redirect) {
        sequences.stop(actor, sequenceId, enrolmentId);
        Flash.notice(redirect, "Enrolment stopped.");
        return "redirect:/sequences/" + sequenceId;
    }

    /** Leads chosen on the lead list (or one lead's page), to be enrolled in a sequence picked here. */
    @GetMapping("/sequences/enrol")
    String enrolForm(Actor actor, @RequestParam(name = "leadId", required = false) @Nullable List<UUID> leadIds,
            Model model) {
        List<dev.ridgeline.leads.Lead> chosen = new ArrayList<>();
        for (UUID id : leadIds == null ? List.<UUID>of() : leadIds) {
            try {
                chosen.add(leads.get(actor, id));
            } catch (dev.ridgeline.platform.NotFoundException e) {
                // not the actor's to work: left out
            }
        }
        model.addAttribute("leads", chosen);
        model.addAttribute("sequences", sequences.list(actor).stream()
                .filter(s -> s.status() == Sequence.Status.ACTIVE && !s.steps().isEmpty()).toList());
        return "sequences/enrol";
    }

    @PostMapping("/sequences/enrol")
    String enrol(Actor actor, @RequestParam(required = false) @Nullable UUID sequence,
            @RequestParam(name = "leadId", required = false) @Nullable List<UUID> leadIds, RedirectAttributes redirect) {
        if (sequence == null) {
            Flash.error(redirect, "Choose a sequence.");
            return "redirect:/leads";
        }
        try {
            var result = sequences.enrol(actor, sequence, leadIds == null ? List.of() : leadIds, "by hand");
            Flash.notice(redirect, result.enrolled() + " lead(s) enrolled"
                    + (result.alreadyIn() > 0 ? ", " + result.alreadyIn() + " already in it" : "")
                    + (result.refused().isEmpty() ? "." : "; not enrolled: " + String.join("; ", result.refused()) + "."));
            return "redirect:/sequences/" + sequence;
        } catch (InvalidInputException e) {
            Flash.error(redirect, String.join(" ", e.fieldErrors().values()));
            return "redirect:/leads";
        }
    }

    /** Today's work from sequences, on a phone: knock, call, send a postcard, then tick it off. */
    @GetMapping("/tasks")
    String tasks(Actor actor, Model model) {
        java.time.ZoneId zone = java.time.ZoneId.of(identity.getTenant(actor.tenantId()).timeZone());
        var tasks = sequences.tasksDue(actor, zone);
        model.addAttribute("tasks", tasks);
        model.addAttribute("zone", zone);
        model.addAttribute("names", tasks.stream().map(dev.ridgeline.sequences.RepTask::assignee)
                .filter(java.util.Objects::nonNull).distinct().collect(java.util.stream.Collectors.toMap(u -> u,
                        u -> identity.findUser(actor.tenantId(), u).map(dev.ridgeline.identity.User::name).orElse("?"))));
        return "sequences/tasks";
    }

    @PostMapping("/tasks/{taskId}/done")
    String taskDone(Actor actor, @PathVariable UUID taskId, RedirectAttributes redirect) {
        sequences.taskDone(actor, taskId);
        Flash.notice(redirect, "Done.");
        return "redirect:/tasks";
    }

    private String save(Actor actor, Sequence s, String name, int weeklyCap, List<SequenceStep> steps,
            Sequence.Rules rules, String done, RedirectAttributes redirect) {
        try {
            sequences.save(actor, s.id(), new SequenceDraft(name, weeklyCap, steps, rules));
            Flash.notice(redirect, done);
        } catch (InvalidInputException e) {
            Flash.error(redirect, String.join(" ", e.fieldErrors().values()));
        }
        return "redirect:/sequences/" + s.id();
    }
}

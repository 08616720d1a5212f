package dev.ridgeline.sequences.web;

import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.ridgeline.platform.Actor;
import dev.ridgeline.sequences.Enrolment;
import dev.ridgeline.sequences.Sequence;
import dev.ridgeline.sequences.SequencesService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/sequences")
@Tag(name = "Sequences", description = "Multi-step outreach: enrol leads from another system")
class SequencesApiController {

    /** Leads to enrol. */
    record EnrolRequest(List<UUID> leadIds) {
    }

    private final SequencesService sequences;

    SequencesApiController(SequencesService sequences) {
        this.sequences = sequences;
    }

    @GetMapping
    @Operation(summary = "The company's sequences with their steps")
    List<Sequence> list(Actor actor) {
        return sequences.list(actor);
    }

    @GetMapping("/{sequenceId}/enrolments")
    @Operation(summary = "A sequence's latest enrolments, newest first")
    List<Enrolment> enrolments(Actor actor, @PathVariable UUID sequenceId,
            @RequestParam(defaultValue = "100") int limit) {
        return sequences.enrolments(actor, sequenceId, Math.max(1, Math.min(limit, 1_000)));
    }

    @GetMapping("/{sequenceId}/steps")
    @Operation(summary = "Per step: sent, skipped, failed, replies, and the A/B test's counts, p-value and verdict")
    List<SequencesService.StepStats> steps(Actor actor, @PathVariable UUID sequenceId) {
        return sequences.stepStats(actor, sequenceId);
    }

    @GetMapping("/{sequenceId}/report")
    @Operation(summary = "Conversions credited to the sequence by last touch: the funnel with median days from "
            + "enrolment, the step and channel of the last touch per stage, and revenue from job values")
    dev.ridgeline.sequences.SequenceReport report(Actor actor, @PathVariable UUID sequenceId) {
        return sequences.report(actor, sequenceId);
    }

    @PostMapping("/{sequenceId}/enrolments")
    @Operation(summary = "Enrol leads (the API trigger); a lead already in the sequence stays as it is, one that is "
            + "closed, past the sequence's stop stage or left out by its re-enrolment rules and exclusions is refused "
            + "with the reason")
    SequencesService.Enrolled enrol(Actor actor, @PathVariable UUID sequenceId, @RequestBody EnrolRequest request) {
        return sequences.enrol(actor, sequenceId, request.leadIds() == null ? List.of() : request.leadIds(), "by API");
    }
}

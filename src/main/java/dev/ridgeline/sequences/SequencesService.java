package dev.ridgeline.sequences;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.leads.Lead;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.outreach.EmailTemplates;
import dev.ridgeline.outreach.template.MergeTemplate;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.ForbiddenException;
import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.platform.Permission;
import dev.ridgeline.sequences.internal.EnrolmentRepository;
import dev.ridgeline.sequences.internal.SequenceEngine;
import dev.ridgeline.sequences.internal.SequenceRepository;

/**
 * Sequences for pages and the API: build them (owners and managers), enrol leads (anyone who may work the lead),
 * stop an enrolment, and see each sequence's enrolments and per-step results. Sending is the engine's.
 */
@Service
public class SequencesService {

    /** What a bulk enrolment did. */
    public record Enrolled(int enrolled, int alreadyIn, List<String> refused) {
    }

    /** A step's results so far. */
    public record StepStats(int position, int sent, int tasks, int skipped, int failed, int replies) {
    }

    static final int MAX_STEPS = 20;

    private final SequenceRepository sequences;
    private final EnrolmentRepository enrolments;
    private final LeadsService leads;
    private final EmailTemplates templates;
    private final SequenceEngine engine;
    private final JdbcClient jdbc;
    private final IdGenerator ids;
    private final Clock clock;

    public SequencesService(SequenceRepository sequences, EnrolmentRepository enrolments, LeadsService leads,
            EmailTemplates templates, SequenceEngine engine, JdbcClient jdbc, IdGenerator ids, Clock clock) {
        this.engine = engine;
        this.sequences = sequences;
        this.enrolments = enrolments;
        this.leads = leads;
        this.templates = templates;
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Sequence> list(Actor actor) {
        return sequences.list(actor.tenantId());
    }

    @Transactional(readOnly = true)
    public Sequence get(Actor actor, UUID id) {
        return sequences.find(actor.tenantId(), id).orElseThrow(() -> new NotFoundException("sequence", id));
    }

    /** Creates a sequence, or replaces the name, cap and steps of one; steps already run stay as they ran. */
    @Transactional
    public Sequence save(Actor actor, @Nullable UUID id, SequenceDraft draft) {
        requireBuilder(actor);
        Sequence existing = id == null ? null : get(actor, id);
        Map<String, String> errors = new LinkedHashMap<>();
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty()) {
            errors.put("name", "give the sequence a name");
        } else if (name.length() > 120) {
            errors.put("name", "at most 120 characters");
        } else if (sequences.nameTaken(actor.tenantId(), name, id)) {
            errors.put("name", "another sequence is called '" + name + "'");
        }
        if (draft.weeklyCap() < 1 || draft.weeklyCap() > 50) {
            errors.put("weeklyCap", "between 1 and 50 touches a week");
        }
        if (draft.steps().size() > MAX_STEPS) {
            errors.put("steps", "at most " + MAX_STEPS + " steps");
        }
        for (int i = 0; i < draft.steps().size(); i++) {
            check(actor, i, draft.steps().get(i), errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Instant now = clock.instant();
        UUID sequenceId = existing == null ? ids.next() : existing.id();
        if (existing == null) {
            sequences.insert(actor.tenantId(), sequenceId, name, draft.weeklyCap(), actor.userId(), now);
        } else {
            sequences.update(actor.tenantId(), sequenceId, name, draft.weeklyCap(), existing.status(), now);
        }
        List<SequenceStep> steps = new ArrayList<>();
        for (int i = 0; i < draft.steps().size(); i++) {
            SequenceStep s = draft.steps().get(i);
            steps.add(new SequenceStep(i, s.kind(), s.delayAmount(), s.delayUnit(), s.condition(), s.templateId(),
                    s.body() == null || s.body().isBlank() ? null : s.body().strip(), s.taskKind()));
        }
        sequences.replaceSteps(actor.tenantId(), sequenceId, steps);
        return get(actor, sequenceId);
    }

    private void check(Actor actor, int i, SequenceStep s, Map<String, String> errors) {
        String field = "steps[" + i + "]";
        String where = "step " + (i + 1) + ": ";
        if (s.delayAmount() < 0 || s.delayAmount() > 10_000) {
            errors.put(field + ".delayAmount", where + "a delay between 0 and 10,000");
        }
        switch (s.kind()) {
            case EMAIL -> {
                if (s.templateId() == null) {
                    errors.put(field + ".templateId", where + "choose the email template");
                } else {
                    try {
                        templates.get(actor, s.templateId());
                    } catch (NotFoundException e) {
                        errors.put(field + ".templateId", where + "that email template no longer exists");
                    }
                }
            }
            case SMS, CALL -> {
                if (s.body() == null || s.body().isBlank()) {
                    errors.put(field + ".body", where + (s.kind() == StepKind.SMS ? "write the text" : "write the call script"));
                } else if (s.body().length() > 1600) {
                    errors.put(field + ".body", where + "at most 1,600 characters");
                } else {
                    template(s.body(), field, where, errors);
                }
            }
            case TASK -> {
                if (s.taskKind() == null) {
                    errors.put(field + ".taskKind", where + "choose what the rep is to do");
                }
                if (s.body() != null && s.body().length() > 500) {
                    errors.put(field + ".body", where + "a note of at most 500 characters");
                } else if (s.body() != null) {
                    template(s.body(), field, where, errors);
                }
            }
        }
        if (s.condition() != StepCondition.ALWAYS && i == 0) {
            errors.put(field + ".condition", where + "the first step has no previous email to look at");
        }
    }

    private static void template(String body, String field, String where, Map<String, String> errors) {
        try {
            MergeTemplate.parse(body);
        } catch (MergeTemplate.InvalidTemplateException e) {
            errors.put(field + ".body", where + e.getMessage());
        }
    }

    @Transactional
    public void setStatus(Actor actor, UUID id, Sequence.Status status) {
        requireBuilder(actor);
        Sequence s = get(actor, id);
        sequences.update(actor.tenantId(), id, s.name(), s.weeklyCap(), status, clock.instant());
        if (status == Sequence.Status.ARCHIVED) {
            jdbc.sql("""
                    update sequences.enrolment set status = 'STOPPED', stop_reason = 'the sequence was archived',
                      next_at = null, updated_at = :now
                    where tenant_id = :t and sequence_id = :s and status = 'ACTIVE'""")
                    .param("t", actor.tenantId().value()).param("s", id)
                    .param("now", java.sql.Timestamp.from(clock.instant())).update();
        }
    }

    /**
     * Enrols leads the actor may work; a lead already in the sequence stays as it is, and one that is closed, booked
     * or that the actor may not see is refused with the reason.
     */
    @Transactional
    public Enrolled enrol(Actor actor, UUID sequenceId, Collection<UUID> leadIds, String how) {
        Sequence sequence = get(actor, sequenceId);
        if (sequence.status() != Sequence.Status.ACTIVE) {
            throw InvalidInputException.of("sequence", "'" + sequence.name() + "' is paused: resume it first");
        }
        if (sequence.steps().isEmpty()) {
            throw InvalidInputException.of("sequence", "'" + sequence.name() + "' has no steps yet");
        }
        if (leadIds.isEmpty()) {
            throw InvalidInputException.of("leads", "choose at least one lead");
        }
        if (leadIds.size() > 10_000) {
            throw InvalidInputException.of("leads", "at most 10,000 leads at a time");
        }
        int enrolled = 0;
        int already = 0;
        List<String> refused = new ArrayList<>();
        Instant now = clock.instant();
        for (UUID leadId : new java.util.LinkedHashSet<>(leadIds)) {
            Lead lead = leads.visible(actor, leadId).orElse(null);
            if (lead == null) {
                refused.add(leadId + ": no such lead");
                continue;
            }
            if (!lead.stage().open() || lead.stage().ordinal() >= dev.ridgeline.leads.LeadStage.INSPECTION_BOOKED.ordinal()) {
                refused.add(lead.place() + ": already " + lead.stage().label().toLowerCase());
                continue;
            }
            UUID id = ids.next();
            Instant first = engine.plan(now, sequence.steps().getFirst(), actor.tenantId(), leadId, id);
            if (enrolments.enrol(actor.tenantId(), id, sequenceId, leadId, first, actor.userId(), how, now)) {
                enrolled++;
            } else {
                already++;
            }
        }
        return new Enrolled(enrolled, already, refused);
    }

    /** Stops one enrolment by hand. */
    @Transactional
    public void stop(Actor actor, UUID sequenceId, UUID enrolmentId) {
        get(actor, sequenceId);
        if (!enrolments.stop(actor.tenantId(), enrolmentId, "stopped by hand", clock.instant())) {
            throw new NotFoundException("active enrolment", enrolmentId);
        }
    }

    /** The latest enrolments of a sequence, with their leads' addresses. */
    @Transactional(readOnly = true)
    public List<Enrolment> enrolments(Actor actor, UUID sequenceId, int limit) {
        get(actor, sequenceId);
        return enrolments.ofSequence(actor.tenantId(), sequenceId, limit).stream().map(e -> new Enrolment(e.id(),
                e.sequenceId(), e.leadId(), leads.find(actor.tenantId(), e.leadId()).map(Lead::place).orElse("(deleted lead)"),
                e.status(), e.stopReason(), e.nextPosition(), e.nextAt(), e.enrolledHow(), e.enrolledAt())).toList();
    }

    /** Per step: sent, tasks made, skipped, failed, and replies to what it sent. */
    @Transactional(readOnly = true)
    public List<StepStats> stepStats(Actor actor, UUID sequenceId) {
        Sequence s = get(actor, sequenceId);
        Map<Integer, StepStats> byPosition = new LinkedHashMap<>();
        jdbc.sql("""
                select r.position,
                  count(*) filter (where r.status = 'SENT'), count(*) filter (where r.status = 'TASK_CREATED'),
                  count(*) filter (where r.status = 'SKIPPED'), count(*) filter (where r.status = 'FAILED'),
                  count(*) filter (where r.status = 'SENT' and e.stop_reason like 'replied%'
                    and e.next_position = r.position + 1)
                from sequences.step_run r
                join sequences.enrolment e on e.tenant_id = r.tenant_id and e.id = r.enrolment_id
                where r.tenant_id = :t and e.sequence_id = :s group by r.position""")
                .param("t", actor.tenantId().value()).param("s", sequenceId)
                .query(rs -> {
                    byPosition.put(rs.getInt(1), new StepStats(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                            rs.getInt(5), rs.getInt(6)));
                });
        return s.steps().stream().map(step -> byPosition.getOrDefault(step.position(),
                new StepStats(step.position(), 0, 0, 0, 0, 0))).toList();
    }

    /**
     * Open tasks due by the end of the actor's day (in the company's zone), overdue first: a rep's own; owners and
     * managers see everyone's.
     */
    @Transactional(readOnly = true)
    public List<RepTask> tasksDue(Actor actor, java.time.ZoneId zone) {
        Instant endOfDay = clock.instant().atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
        return enrolments.openTasks(actor.tenantId(), actor.can(Permission.LEADS_VIEW_ALL) ? null : actor.userId(),
                endOfDay, 200);
    }

    /** Marks a task done (a rep only their own). */
    @Transactional
    public void taskDone(Actor actor, UUID taskId) {
        if (!enrolments.taskDone(actor.tenantId(), taskId, actor.can(Permission.LEADS_VIEW_ALL) ? null
                : actor.userId(), clock.instant())) {
            throw new NotFoundException("open task", taskId);
        }
    }

    private static void requireBuilder(Actor actor) {
        if (!actor.can(Permission.LEADS_ASSIGN)) {
            throw new ForbiddenException("Only owners and managers build sequences");
        }
    }
}

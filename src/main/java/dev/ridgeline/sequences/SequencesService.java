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
import dev.ridgeline.leads.LeadStage;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.outreach.EmailTemplates;
import dev.ridgeline.outreach.template.MergeTemplate;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.ForbiddenException;
import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.platform.Permission;
import dev.ridgeline.platform.TenantId;
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

    /** A step's results so far, and its A/B test when it has one. */
    public record StepStats(int position, int sent, int tasks, int skipped, int failed, int replies,
            @Nullable AbResult ab) {
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
    private final dev.ridgeline.identity.IdentityService identity;
    private final dev.ridgeline.outreach.template.MergeFieldSource mergeFields;

    public SequencesService(SequenceRepository sequences, EnrolmentRepository enrolments, LeadsService leads,
            EmailTemplates templates, SequenceEngine engine, JdbcClient jdbc, IdGenerator ids, Clock clock,
            dev.ridgeline.identity.IdentityService identity,
            dev.ridgeline.outreach.template.MergeFieldSource mergeFields) {
        this.identity = identity;
        this.mergeFields = mergeFields;
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
        Sequence.Rules rules = draft.rules() == null ? Sequence.Rules.DEFAULT : draft.rules();
        if (rules.stopStage() == null || rules.stopStage().ordinal() < LeadStage.ENGAGED.ordinal()
                || rules.stopStage() == LeadStage.LOST) {
            errors.put("rules.stopStage", "the sequence ends at Engaged or a later stage (a reply always ends it)");
        }
        if (rules.reenrolAfterDays() != null && (rules.reenrolAfterDays() < 0 || rules.reenrolAfterDays() > 3650)) {
            errors.put("rules.reenrolAfterDays", "between 0 and 3,650 days, or empty to enrol a lead once only");
        }
        if (rules.skipIfTouchedDays() != null && (rules.skipIfTouchedDays() < 1 || rules.skipIfTouchedDays() > 365)) {
            errors.put("rules.skipIfTouchedDays", "between 1 and 365 days, or empty for no such rule");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Instant now = clock.instant();
        UUID sequenceId = existing == null ? ids.next() : existing.id();
        if (existing == null) {
            sequences.insert(actor.tenantId(), sequenceId, name, draft.weeklyCap(), rules, actor.userId(), now);
        } else {
            sequences.update(actor.tenantId(), sequenceId, name, draft.weeklyCap(), rules, existing.status(), now);
        }
        List<SequenceStep> steps = new ArrayList<>();
        for (int i = 0; i < draft.steps().size(); i++) {
            SequenceStep s = draft.steps().get(i);
            steps.add(new SequenceStep(i, s.kind(), s.delayAmount(), s.delayUnit(), s.condition(),
                    s.condition().needsValue() ? s.conditionValue().strip() : null, s.templateId(),
                    blankToNull(s.body()), s.taskKind(), s.kind() == StepKind.EMAIL ? s.variantTemplateId() : null,
                    s.kind() == StepKind.EMAIL ? null : blankToNull(s.variantBody()),
                    s.abGoal() == null ? AbGoal.REPLY : s.abGoal()));
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
        if (s.condition().readsPreviousStep() && i == 0) {
            errors.put(field + ".condition", where + "the first step has no previous message to look at");
        }
        if (s.condition().needsValue()) {
            String v = s.conditionValue() == null ? "" : s.conditionValue().strip();
            if (s.condition() == StepCondition.STAGE_AT_LEAST) {
                try {
                    LeadStage stage = LeadStage.valueOf(v);
                    if (stage == LeadStage.LOST || stage == LeadStage.NEW) {
                        errors.put(field + ".conditionValue", where + "choose a stage from Contacted to Paid");
                    }
                } catch (IllegalArgumentException e) {
                    errors.put(field + ".conditionValue", where + "choose the stage the lead must have reached");
                }
            } else {
                try {
                    int score = Integer.parseInt(v);
                    if (score < 0 || score > 100) {
                        errors.put(field + ".conditionValue", where + "a lead score between 0 and 100");
                    }
                } catch (NumberFormatException e) {
                    errors.put(field + ".conditionValue", where + "a lead score between 0 and 100, not '" + v + "'");
                }
            }
        }
        if (s.kind() == StepKind.EMAIL && s.variantTemplateId() != null) {
            if (s.variantTemplateId().equals(s.templateId())) {
                errors.put(field + ".variantTemplateId", where + "variant B must be another template than A");
            } else {
                try {
                    templates.get(actor, s.variantTemplateId());
                } catch (NotFoundException e) {
                    errors.put(field + ".variantTemplateId", where + "variant B's email template no longer exists");
                }
            }
        }
        if (s.kind() != StepKind.EMAIL && s.variantBody() != null && !s.variantBody().isBlank()) {
            if (s.variantBody().length() > (s.kind() == StepKind.TASK ? 500 : 1600)) {
                errors.put(field + ".variantBody", where + "variant B at most "
                        + (s.kind() == StepKind.TASK ? "500" : "1,600") + " characters");
            } else if (s.variantBody().strip().equals(s.body() == null ? "" : s.body().strip())) {
                errors.put(field + ".variantBody", where + "variant B is the same as A");
            } else {
                template(s.variantBody(), field + ".variant", where + "variant B: ", errors);
            }
        }
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static void template(String body, String field, String where, Map<String, String> errors) {
        try {
            MergeTemplate.parse(body);
        } catch (MergeTemplate.InvalidTemplateException e) {
            errors.put(field.endsWith(".variant") ? field + "Body" : field + ".body", where + e.getMessage());
        }
    }

    @Transactional
    public void setStatus(Actor actor, UUID id, Sequence.Status status) {
        requireBuilder(actor);
        Sequence s = get(actor, id);
        sequences.update(actor.tenantId(), id, s.name(), s.weeklyCap(), s.rules(), status, clock.instant());
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
     * Enrols leads the actor may work. A lead already in the sequence stays as it is; one that is closed, has
     * reached the sequence's stop stage, that the actor may not see, or that the sequence's rules leave out
     * (enrolled before, in another sequence, touched lately) is refused with the reason.
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
            if (!lead.stage().open() || lead.stage().ordinal() >= sequence.rules().stopStage().ordinal()) {
                refused.add(lead.place() + ": already " + lead.stage().label().toLowerCase(java.util.Locale.ROOT));
                continue;
            }
            String excluded = excluded(actor, sequence, leadId, now);
            if (excluded != null) {
                if (excluded.isEmpty()) {
                    already++;
                } else {
                    refused.add(lead.place() + ": " + excluded);
                }
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

    /** Why the sequence's rules leave a lead out; "" when it is in the sequence now; null when it may be enrolled. */
    private @Nullable String excluded(Actor actor, Sequence sequence, UUID leadId, Instant now) {
        Sequence.Rules rules = sequence.rules();
        Instant last = enrolments.lastEnrolment(actor.tenantId(), sequence.id(), leadId).orElse(null);
        if (last != null) {
            if (last.equals(Instant.MAX) || last.isAfter(now.plus(java.time.Duration.ofDays(36500)))) {
                return "";
            }
            if (rules.reenrolAfterDays() == null) {
                return "was in this sequence before, and it enrols a lead once";
            }
            Instant again = last.plus(java.time.Duration.ofDays(rules.reenrolAfterDays()));
            if (again.isAfter(now)) {
                return "was in this sequence until " + day(last) + "; it may be enrolled again from " + day(again);
            }
        }
        if (rules.skipIfInOther() && enrolments.activeElsewhere(actor.tenantId(), sequence.id(), leadId)) {
            return "is working through another sequence";
        }
        if (rules.skipIfTouchedDays() != null) {
            List<Instant> touches = enrolments.touchesSince(actor.tenantId(), leadId,
                    now.minus(java.time.Duration.ofDays(rules.skipIfTouchedDays())));
            if (!touches.isEmpty()) {
                return "a sequence contacted it on " + day(touches.getLast()) + ", within "
                        + rules.skipIfTouchedDays() + " days";
            }
        }
        return null;
    }

    private static String day(Instant at) {
        return at.toString().substring(0, 10);
    }

    /**
     * Enrols leads for a trigger, on behalf of whoever built the sequence (while they are an active user): the
     * same rules as by hand. Empty when the sequence is not active or its builder is gone.
     */
    @Transactional
    public java.util.Optional<Enrolled> enrolByTrigger(TenantId tenant, UUID sequenceId, Collection<UUID> leadIds,
            String how) {
        Actor actor = builder(tenant, sequenceId).orElse(null);
        Sequence sequence = actor == null ? null : sequences.find(tenant, sequenceId).orElse(null);
        if (sequence == null || sequence.status() != Sequence.Status.ACTIVE || sequence.steps().isEmpty()
                || leadIds.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(enrol(actor, sequenceId, leadIds, how));
    }

    /** The builder of a sequence as the actor its triggers work for, while they are active. */
    public java.util.Optional<Actor> builder(TenantId tenant, UUID sequenceId) {
        return sequences.createdBy(tenant, sequenceId).flatMap(u -> identity.findUser(tenant, u))
                .filter(u -> u.status() == dev.ridgeline.identity.UserStatus.ACTIVE)
                .map(u -> Actor.user(tenant, u.id(), u.role()));
    }

    /** A sequence's triggers. */
    @Transactional(readOnly = true)
    public List<SequenceTrigger> triggers(Actor actor, UUID sequenceId) {
        get(actor, sequenceId);
        return sequences.triggers(actor.tenantId(), sequenceId, null);
    }

    /** Adds a trigger to a sequence (owners and managers). */
    @Transactional
    public SequenceTrigger addTrigger(Actor actor, UUID sequenceId, SequenceTrigger.Kind kind, @Nullable UUID hotRuleId,
            @Nullable Double minHailInches, @Nullable String zips) {
        requireBuilder(actor);
        get(actor, sequenceId);
        Map<String, String> errors = new LinkedHashMap<>();
        List<String> zipList = new ArrayList<>();
        if (kind == SequenceTrigger.Kind.STORM) {
            if (minHailInches == null || minHailInches < 0.25 || minHailInches > 6) {
                errors.put("minHailInches", "a hail size between 0.25 and 6 inches");
            }
            for (String z : (zips == null ? "" : zips).split("[,\\s]+")) {
                if (z.isBlank()) {
                    continue;
                }
                if (!z.matches("\\d{5}")) {
                    errors.put("zips", "'" + z + "' is not a five-digit ZIP code");
                    break;
                }
                zipList.add(z);
            }
            hotRuleId = null;
        } else {
            minHailInches = null;
        }
        if (sequences.triggers(actor.tenantId(), sequenceId, null).size() >= 10) {
            errors.put("kind", "at most 10 triggers a sequence");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        SequenceTrigger t = new SequenceTrigger(ids.next(), sequenceId, kind, hotRuleId,
                minHailInches == null ? null : Math.round(minHailInches * 100) / 100.0, List.copyOf(zipList));
        sequences.insertTrigger(actor.tenantId(), t.id(), t, actor.userId(), clock.instant());
        return t;
    }

    @Transactional
    public void removeTrigger(Actor actor, UUID sequenceId, UUID triggerId) {
        requireBuilder(actor);
        get(actor, sequenceId);
        if (!sequences.deleteTrigger(actor.tenantId(), sequenceId, triggerId)) {
            throw new NotFoundException("trigger", triggerId);
        }
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

    /** Per step: sent, tasks made, skipped, failed, replies to what it sent, and its A/B test if it has one. */
    @Transactional(readOnly = true)
    public List<StepStats> stepStats(Actor actor, UUID sequenceId) {
        Sequence s = get(actor, sequenceId);
        Map<Integer, int[]> counts = new LinkedHashMap<>();
        jdbc.sql("""
                select r.position,
                  count(*) filter (where r.status = 'SENT'), count(*) filter (where r.status = 'TASK_CREATED'),
                  count(*) filter (where r.status = 'SKIPPED'), count(*) filter (where r.status = 'FAILED'),
                  count(*) filter (where r.status = 'SENT' and e.replied_position = r.position)
                from sequences.step_run r
                join sequences.enrolment e on e.tenant_id = r.tenant_id and e.id = r.enrolment_id
                where r.tenant_id = :t and e.sequence_id = :s group by r.position""")
                .param("t", actor.tenantId().value()).param("s", sequenceId)
                .query(rs -> {
                    counts.put(rs.getInt(1), new int[] {rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                            rs.getInt(6)});
                });
        Map<Integer, int[]> ab = new LinkedHashMap<>();
        jdbc.sql("""
                select r.position, r.variant, count(*),
                  count(*) filter (where case when st.ab_goal = 'BOOKED'
                    then exists (select 1 from sequences.conversion c where c.tenant_id = r.tenant_id and c.lead_id = e.lead_id
                      and c.stage in ('INSPECTION_BOOKED', 'INSPECTED', 'CLAIM_FILED', 'SIGNED', 'INSTALLED', 'PAID')
                      and c.reached_at >= r.finished_at)
                    else e.replied_at >= r.finished_at end)
                from sequences.step_run r
                join sequences.enrolment e on e.tenant_id = r.tenant_id and e.id = r.enrolment_id
                join sequences.step st on st.tenant_id = r.tenant_id and st.sequence_id = e.sequence_id
                  and st.position = r.position
                where r.tenant_id = :t and e.sequence_id = :s and r.variant is not null
                  and r.status in ('SENT', 'TASK_CREATED')
                group by r.position, r.variant""")
                .param("t", actor.tenantId().value()).param("s", sequenceId)
                .query(rs -> {
                    int[] v = ab.computeIfAbsent(rs.getInt(1), k -> new int[4]);
                    int at = "B".equals(rs.getString(2)) ? 2 : 0;
                    v[at] = rs.getInt(3);
                    v[at + 1] = rs.getInt(4);
                });
        return s.steps().stream().map(step -> {
            int[] c = counts.getOrDefault(step.position(), new int[5]);
            int[] v = ab.get(step.position());
            AbResult result = step.hasVariant() || v != null
                    ? AbResult.of(step.abGoal(), v == null ? new int[4] : v) : null;
            return new StepStats(step.position(), c[0], c[1], c[2], c[3], c[4], result);
        }).toList();
    }

    /** A step as one lead would get it: each variant's subject (emails) and text, and fields with no value. */
    public record StepPreview(String leadLabel, List<VariantPreview> variants) {
    }

    public record VariantPreview(String variant, @Nullable String subject, String text, List<String> missing) {
    }

    /** Renders a step for a real lead the actor may see, each variant, without sending anything. */
    @Transactional(readOnly = true)
    public StepPreview preview(Actor actor, UUID sequenceId, int position, UUID leadId) {
        Sequence s = get(actor, sequenceId);
        if (position < 0 || position >= s.steps().size()) {
            throw new NotFoundException("step", position + 1);
        }
        Lead lead = leads.get(actor, leadId);
        SequenceStep step = s.steps().get(position);
        List<VariantPreview> out = new ArrayList<>();
        for (String variant : step.hasVariant() ? List.of("A", "B") : List.of("A")) {
            if (step.kind() == StepKind.EMAIL) {
                UUID template = step.template(variant);
                if (template == null) {
                    continue;
                }
                var p = templates.preview(actor, templates.get(actor, template).draft(), leadId);
                out.add(new VariantPreview(variant, p.subject(), p.text(), p.missing()));
            } else {
                String body = step.body(variant);
                var fields = mergeFields.fields(actor, leadId).orElse(Map.of());
                var r = MergeTemplate.parse(body == null ? "" : body).render(fields, false);
                out.add(new VariantPreview(variant, null, r.text().strip(), r.missing().stream()
                        .map(f -> "{{" + f.key() + "}}").toList()));
            }
        }
        return new StepPreview(lead.place(), out);
    }

    /**
     * Makes one variant of an A/B-tested step its only version (the winner, usually): later enrolments all get it.
     * What was sent already keeps the variant it had.
     */
    @Transactional
    public Sequence promote(Actor actor, UUID sequenceId, int position, String variant) {
        requireBuilder(actor);
        Sequence s = get(actor, sequenceId);
        if (position < 0 || position >= s.steps().size() || !s.steps().get(position).hasVariant()) {
            throw InvalidInputException.of("position", "step " + (position + 1) + " has no A/B test");
        }
        if (!"A".equals(variant) && !"B".equals(variant)) {
            throw InvalidInputException.of("variant", "A or B");
        }
        List<SequenceStep> steps = new ArrayList<>(s.steps());
        steps.set(position, steps.get(position).promote(variant));
        sequences.replaceSteps(actor.tenantId(), sequenceId, steps);
        return get(actor, sequenceId);
    }

    /**
     * Conversions of a sequence: each stage with the leads that reached it (or a later one) credited to this
     * sequence's last touch, the median time from enrolment, which step and channel had the last touch, and the job
     * value of the leads it won.
     */
    @Transactional(readOnly = true)
    public SequenceReport report(Actor actor, UUID sequenceId) {
        get(actor, sequenceId);
        var t = actor.tenantId().value();
        int enrolled = jdbc.sql("select count(distinct lead_id) from sequences.enrolment where tenant_id = :t and sequence_id = :s")
                .param("t", t).param("s", sequenceId).query(Integer.class).single();
        // Per lead, the furthest stage credited to this sequence, and the time from its enrolment to each stage.
        Map<LeadStage, List<Double>> daysTo = new LinkedHashMap<>();
        Map<UUID, LeadStage> furthest = new LinkedHashMap<>();
        jdbc.sql("""
                select c.lead_id, c.stage, extract(epoch from c.reached_at - e.enrolled_at) / 86400.0
                from sequences.conversion c
                join sequences.enrolment e on e.tenant_id = c.tenant_id and e.id = c.enrolment_id
                where c.tenant_id = :t and c.sequence_id = :s""")
                .param("t", t).param("s", sequenceId)
                .query(rs -> {
                    LeadStage stage = LeadStage.valueOf(rs.getString(2));
                    daysTo.computeIfAbsent(stage, k -> new ArrayList<>()).add(Math.max(0, rs.getDouble(3)));
                    furthest.merge(rs.getObject(1, UUID.class), stage, (x, y) -> x.ordinal() >= y.ordinal() ? x : y);
                });
        List<SequenceReport.Stage> stages = new ArrayList<>();
        for (LeadStage stage : SequenceReport.FUNNEL) {
            long reached = furthest.values().stream().filter(f -> f.ordinal() >= stage.ordinal()).count();
            List<Double> days = daysTo.getOrDefault(stage, List.of()).stream().sorted().toList();
            stages.add(new SequenceReport.Stage(stage, (int) reached,
                    days.isEmpty() ? null : days.get(days.size() / 2)));
        }
        List<SequenceReport.Credit> credits = jdbc.sql("""
                select position, coalesce(channel, 'TASK'), stage, count(*) from sequences.conversion
                where tenant_id = :t and sequence_id = :s group by position, channel, stage order by position, channel, stage""")
                .param("t", t).param("s", sequenceId)
                .query((rs, n) -> new SequenceReport.Credit(rs.getInt(1), rs.getString(2),
                        LeadStage.valueOf(rs.getString(3)), rs.getInt(4)))
                .list().stream().sorted(java.util.Comparator.comparingInt(SequenceReport.Credit::position)
                        .thenComparing(SequenceReport.Credit::channel).thenComparing(c -> c.stage().ordinal()))
                .toList();
        List<UUID> won = furthest.entrySet().stream().filter(e -> e.getValue().ordinal() >= LeadStage.SIGNED.ordinal())
                .map(Map.Entry::getKey).toList();
        Map<UUID, java.math.BigDecimal> values = leads.jobValues(actor.tenantId(), won);
        java.math.BigDecimal revenue = values.values().stream().reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        return new SequenceReport(enrolled, stages, credits, revenue, values.size(), won.size());
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

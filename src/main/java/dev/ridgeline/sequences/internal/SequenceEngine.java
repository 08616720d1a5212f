package dev.ridgeline.sequences.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.identity.User;
import dev.ridgeline.identity.UserStatus;
import dev.ridgeline.leads.Lead;
import dev.ridgeline.leads.LeadStage;
import dev.ridgeline.claims.ClaimStatus;
import dev.ridgeline.claims.ClaimsService;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.outreach.Channel;
import dev.ridgeline.outreach.EmailTemplates;
import dev.ridgeline.outreach.MessagePurpose;
import dev.ridgeline.outreach.OutboundMessage;
import dev.ridgeline.outreach.OutreachService;
import dev.ridgeline.outreach.SendRequest;
import dev.ridgeline.outreach.template.MergeField;
import dev.ridgeline.outreach.template.MergeFieldSource;
import dev.ridgeline.outreach.template.MergeTemplate;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;
import dev.ridgeline.property.Contact;
import dev.ridgeline.property.ContactPoint;
import dev.ridgeline.property.PropertyService;
import dev.ridgeline.sequences.Sequence;
import dev.ridgeline.sequences.SequenceStep;
import dev.ridgeline.sequences.StepKind;
import dev.ridgeline.sequences.internal.EnrolmentRepository.Claimed;
import dev.ridgeline.sequences.internal.EnrolmentRepository.RunStatus;

/**
 * Runs the steps that are due. For each: claim it (row locks, then a lease), record the intent with its idempotency
 * key and commit, check the goals again (the lead may have replied, booked or been lost since the step was
 * planned), send through the channel with that key, and record the outcome with the next step's due time. A crash
 * before the outcome leaves the intent and the lease: when the lease runs out the step is claimed again and sent
 * again with the same key, which the channel answers with the message already recorded. Nothing is sent twice and
 * nothing is lost.
 */
@Component
public class SequenceEngine {

    /** How long a claimed step is left to its node before another may take it. */
    static final Duration LEASE = Duration.ofMinutes(2);
    private static final Logger log = LoggerFactory.getLogger(SequenceEngine.class);

    private final EnrolmentRepository enrolments;
    private final SequenceRepository sequences;
    private final LeadsService leads;
    private final PropertyService properties;
    private final IdentityService identity;
    private final OutreachService outreach;
    private final EmailTemplates templates;
    private final MergeFieldSource mergeFields;
    private final dev.ridgeline.insight.InsightService insight;
    private final ClaimsService claims;
    private final dev.ridgeline.outreach.compliance.RecipientDirectory recipients;
    private final TransactionTemplate tx;
    private final IdGenerator ids;
    private final Clock clock;
    private final int spreadMinutes;
    private final ExecutorService workers;

    SequenceEngine(EnrolmentRepository enrolments, SequenceRepository sequences, LeadsService leads,
            PropertyService properties, IdentityService identity, OutreachService outreach, EmailTemplates templates,
            MergeFieldSource mergeFields, dev.ridgeline.insight.InsightService insight,
            dev.ridgeline.outreach.compliance.RecipientDirectory recipients, TransactionTemplate tx,
            IdGenerator ids, Clock clock, ClaimsService claims,
            @org.springframework.beans.factory.annotation.Value("${ridgeline.sequences.spread-minutes:"
                    + StepPlanner.SPREAD_MINUTES + "}") int spreadMinutes,
            @org.springframework.beans.factory.annotation.Value("${ridgeline.sequences.workers:8}") int workers) {
        this.claims = claims;
        this.workers = Executors.newFixedThreadPool(Math.max(1, Math.min(workers, 32)),
                Thread.ofPlatform().name("sequence-worker-", 1).daemon().factory());
        this.spreadMinutes = Math.max(0, Math.min(spreadMinutes, 60));
        this.enrolments = enrolments;
        this.sequences = sequences;
        this.leads = leads;
        this.properties = properties;
        this.identity = identity;
        this.outreach = outreach;
        this.templates = templates;
        this.mergeFields = mergeFields;
        this.insight = insight;
        this.recipients = recipients;
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Runs up to {@code limit} due steps, on the engine's workers, and returns when they are done; how many were
     * claimed. The steps of one lead run one after another on one worker, so the weekly cap counts each of them.
     */
    public int runDue(int limit) {
        Instant now = clock.instant();
        List<Claimed> claimed = tx.execute(s -> enrolments.claimDue(now, now.plus(LEASE), limit));
        if (claimed == null || claimed.isEmpty()) {
            return 0;
        }
        Map<UUID, Optional<Sequence>> seen = new ConcurrentHashMap<>();
        Map<UUID, List<Claimed>> byLead = new LinkedHashMap<>();
        for (Claimed c : claimed) {
            byLead.computeIfAbsent(c.leadId(), l -> new ArrayList<>()).add(c);
        }
        List<Future<?>> running = new ArrayList<>(byLead.size());
        for (List<Claimed> ofLead : byLead.values()) {
            running.add(workers.submit(() -> {
                for (Claimed c : ofLead) {
                    Optional<Sequence> sequence = seen.computeIfAbsent(c.sequenceId(),
                            id -> sequences.find(c.tenant(), id));
                    try {
                        run(c, sequence.orElse(null));
                    } catch (RuntimeException e) {
                        // Left to its lease: claimed again in two minutes, and sent with the same key.
                        log.warn("Step {} of enrolment {} ({}) did not finish and will be tried again: {}",
                                c.position(), c.id(), c.tenant(), e.toString());
                    }
                }
            }));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                log.warn("A sequence worker failed; its steps are left to their lease: {}", e.getCause().toString());
            } catch (InterruptedException e) {
                // Shutting down: the workers' steps finish or are left to their lease.
                Thread.currentThread().interrupt();
                break;
            }
        }
        return claimed.size();
    }

    @PreDestroy
    void shutdown() {
        workers.shutdown();
    }

    private void run(Claimed c, @Nullable Sequence sequence) {
        Instant now = clock.instant();
        if (sequence == null) {
            stop(c, "the sequence was deleted");
            return;
        }
        if (sequence.status() == Sequence.Status.PAUSED) {
            tx.executeWithoutResult(s -> enrolments.postpone(c, now.plus(Duration.ofMinutes(15)), now));
            return;
        }
        if (c.position() >= sequence.steps().size()) {
            tx.executeWithoutResult(s -> enrolments.finish(c, RunStatus.SKIPPED, null, null, "no more steps", null, now));
            return;
        }
        SequenceStep step = sequence.steps().get(c.position());
        String key = "seq:" + c.id() + ":" + c.position();
        RunStatus started = tx.execute(s -> enrolments.start(c, key, now));
        if (started != RunStatus.STARTED) {
            // Its outcome is recorded already (a lease ran out under a slow node): move on from it.
            tx.executeWithoutResult(s -> enrolments.finish(c, started, null, null, null,
                    next(c, sequence, now, reach(c.tenant(), c.leadId())), now));
            return;
        }
        Actor actor = actor(c);
        if (actor == null) {
            stop(c, "the user who enrolled this lead is no longer active");
            return;
        }
        Lead lead = leads.find(c.tenant(), c.leadId()).orElse(null);
        if (lead == null) {
            stop(c, "the lead was deleted");
            return;
        }
        String goal = goalReached(lead.stage(), sequence.rules().stopStage());
        if (goal != null || !enrolments.active(c.tenant(), c.id())) {
            if (goal != null) {
                stop(c, goal);
            }
            return;
        }
        // Read once a step: the addresses and zone serve the send, the cap and the next step's plan.
        Reach reach = reach(c.tenant(), c.leadId());
        List<Instant> touches = enrolments.touchesSince(c.tenant(), c.leadId(), now.minus(Duration.ofDays(7)));
        if (step.kind() != StepKind.TASK && touches.size() >= sequence.weeklyCap()) {
            Instant after = touches.get(touches.size() - sequence.weeklyCap()).plus(Duration.ofDays(7));
            Instant at = StepPlanner.due(after, new SequenceStep(c.position(), step.kind(), 0,
                    dev.ridgeline.sequences.DelayUnit.MINUTES, step.condition(), null, null, null), reach.zone(), c.id(),
                    spreadMinutes);
            tx.executeWithoutResult(s -> enrolments.postpone(c, at, now));
            return;
        }
        Outcome outcome;
        try {
            outcome = carryOut(c, actor, lead, reach, step, key, now);
        } catch (InvalidInputException | NotFoundException e) {
            outcome = new Outcome(RunStatus.FAILED, null, null, message(e), step.variantFor(c.id()));
        }
        Outcome done = outcome;
        Instant next = done.status() == RunStatus.FAILED ? null : next(c, sequence, now, reach);
        tx.executeWithoutResult(s -> {
            if (done.status() == RunStatus.FAILED) {
                enrolments.stop(c.tenant(), c.id(), "step " + (c.position() + 1) + " failed: " + done.detail(), now);
            }
            enrolments.finish(c, done.status(), done.messageId(), done.channel(),
                    step.hasVariant() ? done.variant() : null, done.detail(), next, now);
            if (done.status() == RunStatus.SENT) {
                // After the outcome, in its transaction: the conversion to Contacted is credited to this very step.
                leads.advance(c.tenant(), c.leadId(), LeadStage.CONTACTED, "sequence '" + sequence.name() + "' sent "
                        + (done.channel() == null ? "a message" : "the first "
                                + done.channel().toLowerCase(java.util.Locale.ROOT).replace("voice", "call")));
            }
        });
    }

    private record Outcome(RunStatus status, @Nullable UUID messageId, @Nullable String channel,
            @Nullable String detail, String variant) {
    }

    /** Where the homeowner is reached: the first usable email and phone of the home's people, and their zone. */
    record Reach(@Nullable String email, @Nullable String phone, ZoneId zone) {
    }

    private Outcome carryOut(Claimed c, Actor actor, Lead lead, Reach reach, SequenceStep step, String key,
            Instant now) {
        String variant = step.variantFor(c.id());
        if (!conditionHolds(c, lead, step)) {
            return new Outcome(RunStatus.SKIPPED, null, null, "skipped: " + step.condition().label()
                    + (step.conditionValue() == null ? "" : " " + step.conditionValue()) + " did not hold", variant);
        }
        String body = step.body(variant);
        switch (step.kind()) {
            case EMAIL -> {
                if (reach.email() == null) {
                    return new Outcome(RunStatus.SKIPPED, null, null, "skipped: no email address on record", variant);
                }
                UUID template = step.template(variant);
                if (template == null) {
                    return new Outcome(RunStatus.FAILED, null, null, "the step has no email template", variant);
                }
                OutboundMessage m = templates.send(actor, template, c.leadId(), reach.email(), key);
                return new Outcome(RunStatus.SENT, m.id(), Channel.EMAIL.name(), null, variant);
            }
            case SMS, CALL -> {
                if (reach.phone() == null) {
                    return new Outcome(RunStatus.SKIPPED, null, null, "skipped: no usable phone number on record", variant);
                }
                Channel channel = step.kind() == StepKind.SMS ? Channel.SMS : Channel.VOICE;
                String text = render(actor, c.leadId(), body == null ? "" : body);
                OutboundMessage m = outreach.send(new SendRequest(c.tenant(), channel, MessagePurpose.OUTREACH,
                        reach.phone(), null, text, key, actor.userId()));
                return new Outcome(RunStatus.SENT, m.id(), channel.name(), null, variant);
            }
            case TASK -> {
                UserId assignee = lead.ownerId() != null ? lead.ownerId() : actor.userId();
                String title = (step.taskKind() == null ? "Follow up" : step.taskKind().label()) + ": " + lead.place()
                        + (body == null || body.isBlank() ? "" : " (" + render(actor, c.leadId(), body) + ")");
                enrolments.insertTask(c.tenant(), ids.next(), c, assignee,
                        step.taskKind() == null ? "PHONE_CALL" : step.taskKind().name(), title, now, now);
                return new Outcome(RunStatus.TASK_CREATED, null, null, title, variant);
            }
            default -> throw new IllegalStateException("unknown step kind " + step.kind());
        }
    }

    private boolean conditionHolds(Claimed c, Lead lead, SequenceStep step) {
        return switch (step.condition()) {
            case ALWAYS -> true;
            case PREVIOUS_EMAIL_OPENED -> previousEmail(c).map(OutreachService.Engagement::opened).orElse(false);
            case PREVIOUS_EMAIL_NOT_OPENED -> !previousEmail(c).map(OutreachService.Engagement::opened).orElse(false);
            case PREVIOUS_EMAIL_CLICKED -> previousEmail(c).map(OutreachService.Engagement::clicked).orElse(false);
            case PREVIOUS_NOT_DELIVERED -> enrolments.previousMessage(c.tenant(), c.id(), c.position())
                    .flatMap(m -> outreach.find(c.tenant(), m)).map(m -> m.status().failed()).orElse(false);
            case SCORE_AT_LEAST, SCORE_BELOW -> {
                // A home no analysis has scored yet meets neither: the step waits for evidence, not a guess.
                Integer score = leads.propertyOf(c.tenant(), c.leadId())
                        .flatMap(p -> insight.storedScore(c.tenant(), p)).orElse(null);
                int threshold = Integer.parseInt(step.conditionValue() == null ? "0" : step.conditionValue());
                yield score != null && (step.condition() == dev.ridgeline.sequences.StepCondition.SCORE_AT_LEAST
                        ? score >= threshold : score < threshold);
            }
            case STAGE_AT_LEAST -> lead.stage() != LeadStage.LOST && step.conditionValue() != null
                    && lead.stage().ordinal() >= LeadStage.valueOf(step.conditionValue()).ordinal();
            // The lead's claim record says; a lead with none counts as filed only past "Claim filed" in the pipeline.
            case CLAIM_FILED -> claimFiled(c, lead.stage());
            case CLAIM_NOT_FILED -> !claimFiled(c, lead.stage());
            case CLAIM_APPROVED -> claims.status(c.tenant(), c.leadId()).map(s -> s == ClaimStatus.APPROVED
                    || s == ClaimStatus.PARTIALLY_APPROVED || s == ClaimStatus.SUPPLEMENT_PENDING || s == ClaimStatus.PAID)
                    .orElse(false);
            case CLAIM_DENIED -> claims.status(c.tenant(), c.leadId()).map(s -> s == ClaimStatus.DENIED
                    || s == ClaimStatus.APPEALED).orElse(false);
        };
    }

    private boolean claimFiled(Claimed c, LeadStage stage) {
        return claims.status(c.tenant(), c.leadId()).map(s -> s != ClaimStatus.NOT_FILED && s != ClaimStatus.CLOSED)
                .orElse(stage != LeadStage.LOST && stage.ordinal() >= LeadStage.CLAIM_FILED.ordinal());
    }

    private Optional<OutreachService.Engagement> previousEmail(Claimed c) {
        return enrolments.previousEmail(c.tenant(), c.id(), c.position())
                .map(m -> outreach.engagement(c.tenant(), m));
    }

    /** A text or script with the lead's merge fields; refused while a field has no value and no fallback. */
    private String render(Actor actor, UUID leadId, String body) {
        Map<MergeField, String> values = mergeFields.fields(actor, leadId).orElse(Map.of());
        MergeTemplate.Rendered r = MergeTemplate.parse(body).render(values, false);
        if (!r.missing().isEmpty()) {
            throw InvalidInputException.of("body", "this lead has no value for " + String.join(", ",
                    r.missing().stream().map(f -> "{{" + f.key() + "}}").toList()) + " and the step gives no fallback");
        }
        return r.text().strip();
    }

    Reach reach(TenantId tenant, UUID leadId) {
        List<Contact> contacts = leads.propertyOf(tenant, leadId)
                .map(p -> properties.contacts(tenant, p)).orElse(List.of());
        String email = contacts.stream().flatMap(x -> x.emails().stream()).filter(ContactPoint::usable)
                .map(ContactPoint::value).findFirst().orElse(null);
        String phone = contacts.stream().flatMap(x -> x.phones().stream()).filter(ContactPoint::usable)
                .map(ContactPoint::value).findFirst().orElse(null);
        ZoneId zone = contacts.stream().map(Contact::timeZone).filter(z -> z != null && !z.isBlank()).findFirst()
                .flatMap(SequenceEngine::zone)
                .or(() -> zone(identity.getTenant(tenant).timeZone()))
                .orElse(ZoneId.of("America/Chicago"));
        return new Reach(email, phone, zone);
    }

    /** When {@code step} of an enrolment of a lead is due, the previous one having run at {@code after}. */
    public Instant plan(Instant after, SequenceStep step, TenantId tenant, UUID leadId, UUID enrolmentId) {
        Reach reach = reach(tenant, leadId);
        return inCallingHours(StepPlanner.due(after, step, reach.zone(), enrolmentId, spreadMinutes), step, tenant,
                reach);
    }

    /**
     * A text or call planned in the home's zone, moved on to when the number may be called in every zone its owner
     * may be in (the home's, the area code's) under federal and state rules, as the channel will check at send time:
     * so the step is not handed over only to wait in the channel.
     */
    private Instant inCallingHours(Instant due, SequenceStep step, TenantId tenant, Reach reach) {
        if (reach.phone() == null || (step.kind() != StepKind.SMS && step.kind() != StepKind.CALL)) {
            return due;
        }
        var recipient = recipients.byPhone(tenant, reach.phone());
        return dev.ridgeline.outreach.compliance.CallingHours.nextAllowed(due, recipient.zones(), recipient.state(), null)
                .orElse(due);
    }

    /** The time zone steps of a lead are planned in: its homeowner's, else the company's. */
    public ZoneId zone(TenantId tenant, UUID leadId) {
        return reach(tenant, leadId).zone();
    }

    private static Optional<ZoneId> zone(String id) {
        try {
            return Optional.of(ZoneId.of(id));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** When the step after {@code c}'s is due; null when there is none. */
    private @Nullable Instant next(Claimed c, Sequence sequence, Instant now, Reach reach) {
        int position = c.position() + 1;
        if (position >= sequence.steps().size()) {
            return null;
        }
        SequenceStep step = sequence.steps().get(position);
        return inCallingHours(StepPlanner.due(now, step, reach.zone(), c.id(), spreadMinutes), step, c.tenant(), reach);
    }

    /**
     * The goal a lead's stage reached, if any: lost always ends an enrolment, and so does the sequence's stop stage
     * (inspection booked unless its builder chose another) or any stage after it.
     */
    static @Nullable String goalReached(LeadStage stage, LeadStage stopStage) {
        if (stage == LeadStage.LOST) {
            return "lost";
        }
        if (stage.ordinal() < stopStage.ordinal()) {
            return null;
        }
        return switch (stage) {
            case INSPECTION_BOOKED, INSPECTED -> "inspection booked";
            case CLAIM_FILED -> "claim filed";
            case SIGNED, INSTALLED, PAID -> "won";
            default -> "reached " + stage.label().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private @Nullable Actor actor(Claimed c) {
        if (c.enrolledBy() == null) {
            return null;
        }
        return identity.findUser(c.tenant(), c.enrolledBy()).filter(u -> u.status() == UserStatus.ACTIVE)
                .map((User u) -> Actor.user(c.tenant(), u.id(), u.role())).orElse(null);
    }

    private void stop(Claimed c, String reason) {
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            enrolments.stop(c.tenant(), c.id(), reason, now);
            enrolments.finish(c, RunStatus.SKIPPED, null, null, "stopped: " + reason, null, now);
        });
    }

    private static String message(RuntimeException e) {
        if (e instanceof InvalidInputException invalid && !invalid.fieldErrors().isEmpty()) {
            return String.join("; ", invalid.fieldErrors().values());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** For tests and health: how many enrolments of a company are active. */
    public int active(TenantId tenant) {
        return enrolments.countActive(tenant);
    }
}

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
import java.util.Set;
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
 * Runs the steps that are due, in batches. For each step: claim it (row locks, then a lease), record the intent with
 * its idempotency key and commit, check the goals again (the lead may have replied, booked or been lost since the step
 * was planned), send through the channel with that key, and record the outcome with the next step's due time. A batch
 * does each of these for all its steps at once, in a statement or two. A crash before the outcome leaves the intent
 * and the lease: when the lease runs out the step is claimed again and sent again with the same key, which the channel
 * answers with the message already recorded. Nothing is sent twice and nothing is lost.
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
    private final int parallel;

    SequenceEngine(EnrolmentRepository enrolments, SequenceRepository sequences, LeadsService leads,
            PropertyService properties, IdentityService identity, OutreachService outreach, EmailTemplates templates,
            MergeFieldSource mergeFields, dev.ridgeline.insight.InsightService insight,
            dev.ridgeline.outreach.compliance.RecipientDirectory recipients, TransactionTemplate tx,
            IdGenerator ids, Clock clock, ClaimsService claims,
            @org.springframework.beans.factory.annotation.Value("${ridgeline.sequences.spread-minutes:"
                    + StepPlanner.SPREAD_MINUTES + "}") int spreadMinutes,
            @org.springframework.beans.factory.annotation.Value("${ridgeline.sequences.workers:4}") int workers) {
        this.parallel = Math.max(1, Math.min(workers, 32));
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
     * claimed. The claimed steps are split by lead into a few batches that run side by side, each in a handful of
     * set statements (see {@link #runBatch}); the steps of one lead stay in one batch, so the weekly cap counts each.
     */
    public int runDue(int limit) {
        Instant now = clock.instant();
        List<Claimed> claimed = tx.execute(s -> enrolments.claimDue(now, now.plus(LEASE), limit));
        if (claimed == null || claimed.isEmpty()) {
            return 0;
        }
        Map<UUID, Optional<Sequence>> seen = new ConcurrentHashMap<>();
        int chunks = Math.max(1, Math.min(parallel, claimed.size() / MIN_BATCH));
        Map<String, List<Claimed>> batches = new LinkedHashMap<>();
        for (Claimed c : claimed) {
            batches.computeIfAbsent(c.tenant().value() + ":" + Math.floorMod(c.leadId().hashCode(), chunks),
                    k -> new ArrayList<>()).add(c);
        }
        List<Future<?>> running = new ArrayList<>(batches.size());
        for (List<Claimed> batch : batches.values()) {
            running.add(workers.submit(() -> {
                try {
                    runBatch(batch.getFirst().tenant(), batch, seen);
                } catch (RuntimeException e) {
                    // Left to their lease: claimed again in two minutes, and sent with the same keys.
                    log.warn("A batch of {} sequence steps of {} did not finish and will be tried again: {}",
                            batch.size(), batch.getFirst().tenant(), e.toString());
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

    /** The fewest steps worth a batch of their own. */
    static final int MIN_BATCH = 50;

    @PreDestroy
    void shutdown() {
        workers.shutdown();
    }

    /** What a batch knows of the leads of its steps, read together before any step is decided. */
    private record Known(Map<UUID, Lead> leads, Set<UUID> active, Map<UUID, Reach> reach,
            Map<UUID, List<Instant>> touches, Map<UserId, Optional<Actor>> actors) {
    }

    /** A step that will send, waiting for its channel's batch. */
    private record Send(Claimed step, Sequence sequence, SequenceStep definition, Actor actor, Reach reach,
            String variant, @Nullable String body) {
    }

    /**
     * Runs a batch of claimed steps of one company, in the order the engine promises for each of them: the intents
     * of all recorded and committed together (a crash after leaves them to be claimed again and sent with the same
     * keys); the leads, homes, people, consent, recent touches and enrolling users read in a statement or two each;
     * each step's goals and conditions checked; the emails and texts queued through their channels in a batch each;
     * then every outcome recorded together with the leads they moved to Contacted.
     */
    void runBatch(TenantId tenant, List<Claimed> batch, Map<UUID, Optional<Sequence>> seen) {
        Instant now = clock.instant();
        List<Claimed> live = new ArrayList<>();
        for (Claimed c : batch) {
            Sequence sequence = seen.computeIfAbsent(c.sequenceId(), id -> sequences.find(c.tenant(), id)).orElse(null);
            if (sequence == null) {
                stop(c, "the sequence was deleted");
            } else if (sequence.status() == Sequence.Status.PAUSED) {
                tx.executeWithoutResult(s -> enrolments.postpone(c, now.plus(Duration.ofMinutes(15)), now));
            } else if (c.position() >= sequence.steps().size()) {
                tx.executeWithoutResult(s -> enrolments.finish(c, RunStatus.SKIPPED, null, null, "no more steps", null,
                        now));
            } else {
                live.add(c);
            }
        }
        if (live.isEmpty()) {
            return;
        }
        Map<UUID, RunStatus> started = tx.execute(s -> enrolments.startAll(tenant, live, now));
        Known known = tx.execute(s -> know(tenant, live, now, seen));
        List<EnrolmentRepository.Outcome> outcomes = new ArrayList<>();
        List<Send> sends = new ArrayList<>();
        for (Claimed c : live) {
            Sequence sequence = seen.get(c.sequenceId()).orElseThrow();
            Reach reach = known.reach().get(c.leadId());
            RunStatus status = started.getOrDefault(c.id(), RunStatus.STARTED);
            if (status != RunStatus.STARTED) {
                // Its outcome is recorded already (a lease ran out under a slow node): move on from it.
                outcomes.add(new EnrolmentRepository.Outcome(c, status, null, null, null, null,
                        next(c, sequence, now, reach)));
                continue;
            }
            Actor actor = c.enrolledBy() == null ? null : known.actors().get(c.enrolledBy()).orElse(null);
            if (actor == null) {
                stop(c, "the user who enrolled this lead is no longer active");
                continue;
            }
            Lead lead = known.leads().get(c.leadId());
            if (lead == null) {
                stop(c, "the lead was deleted");
                continue;
            }
            String goal = goalReached(lead.stage(), sequence.rules().stopStage());
            if (goal != null) {
                stop(c, goal);
                continue;
            }
            if (!known.active().contains(c.id())) {
                continue;
            }
            SequenceStep step = sequence.steps().get(c.position());
            List<Instant> touches = known.touches().computeIfAbsent(c.leadId(), l -> new ArrayList<>());
            if (step.kind() != StepKind.TASK && touches.size() >= sequence.weeklyCap()) {
                Instant after = touches.get(touches.size() - sequence.weeklyCap()).plus(Duration.ofDays(7));
                Instant at = StepPlanner.due(after, new SequenceStep(c.position(), step.kind(), 0,
                        dev.ridgeline.sequences.DelayUnit.MINUTES, step.condition(), null, null, null), reach.zone(),
                        c.id(), spreadMinutes);
                tx.executeWithoutResult(s -> enrolments.postpone(c, at, now));
                continue;
            }
            String variant = step.variantFor(c.id());
            boolean holds;
            try {
                holds = conditionHolds(c, lead, step);
            } catch (RuntimeException e) {
                outcomes.add(failed(c, step, message(e), variant));
                continue;
            }
            if (!holds) {
                outcomes.add(new EnrolmentRepository.Outcome(c, RunStatus.SKIPPED, null, null,
                        step.hasVariant() ? variant : null, "skipped: " + step.condition().label()
                                + (step.conditionValue() == null ? "" : " " + step.conditionValue()) + " did not hold",
                        next(c, sequence, now, reach)));
                continue;
            }
            String missing = switch (step.kind()) {
                case EMAIL -> reach.email() == null ? "skipped: no email address on record"
                        : step.template(variant) == null ? null : "";
                case SMS, CALL -> reach.phone() == null ? "skipped: no usable phone number on record" : "";
                case TASK -> "";
            };
            if (missing == null) {
                outcomes.add(failed(c, step, "the step has no email template", variant));
                continue;
            }
            if (!missing.isEmpty()) {
                outcomes.add(new EnrolmentRepository.Outcome(c, RunStatus.SKIPPED, null, null,
                        step.hasVariant() ? variant : null, missing, next(c, sequence, now, reach)));
                continue;
            }
            if (step.kind() != StepKind.TASK) {
                touches.add(now);
            }
            sends.add(new Send(c, sequence, step, actor, reach, variant, step.body(variant)));
        }
        outcomes.addAll(carryOut(tenant, sends, known, now));
        if (outcomes.isEmpty()) {
            return;
        }
        tx.executeWithoutResult(s -> {
            Instant at = clock.instant();
            for (EnrolmentRepository.Outcome o : outcomes) {
                if (o.status() == RunStatus.FAILED) {
                    enrolments.stop(tenant, o.step().id(), "step " + (o.step().position() + 1) + " failed: "
                            + o.detail(), at);
                }
            }
            enrolments.finishAll(tenant, outcomes, at);
            // After the outcomes, in their transaction: the conversion to Contacted is credited to these very steps.
            Map<String, List<UUID>> contacted = new LinkedHashMap<>();
            for (EnrolmentRepository.Outcome o : outcomes) {
                if (o.status() == RunStatus.SENT) {
                    Sequence sequence = seen.get(o.step().sequenceId()).orElseThrow();
                    contacted.computeIfAbsent("sequence '" + sequence.name() + "' sent " + (o.channel() == null
                            ? "a message" : "the first " + o.channel().toLowerCase(java.util.Locale.ROOT)
                                    .replace("voice", "call")), k -> new ArrayList<>()).add(o.step().leadId());
                }
            }
            contacted.forEach((why, ids) -> leads.advanceAll(tenant, ids, LeadStage.CONTACTED, why));
        });
    }

    private static EnrolmentRepository.Outcome failed(Claimed c, SequenceStep step, String detail, String variant) {
        return new EnrolmentRepository.Outcome(c, RunStatus.FAILED, null, null, step.hasVariant() ? variant : null,
                detail, null);
    }

    /** Whether the step after {@code c}'s is a text or a call (planned into calling hours). */
    private static boolean nextIsCall(Claimed c, Map<UUID, Optional<Sequence>> seen) {
        return seen.getOrDefault(c.sequenceId(), Optional.empty()).map(s -> c.position() + 1 < s.steps().size()
                && (s.steps().get(c.position() + 1).kind() == StepKind.SMS
                        || s.steps().get(c.position() + 1).kind() == StepKind.CALL)).orElse(false);
    }

    /** Reads what the steps of a batch need to know about their leads, a statement or a few for each kind. */
    private Known know(TenantId tenant, List<Claimed> steps, Instant now, Map<UUID, Optional<Sequence>> seen) {
        Set<UUID> leadIds = new java.util.LinkedHashSet<>();
        steps.forEach(c -> leadIds.add(c.leadId()));
        Map<UserId, Optional<Actor>> actors = new java.util.HashMap<>();
        for (Claimed c : steps) {
            if (c.enrolledBy() != null) {
                actors.computeIfAbsent(c.enrolledBy(), by -> actor(c));
            }
        }
        return new Known(leads.findAll(tenant, leadIds),
                enrolments.activeAmong(tenant, steps.stream().map(Claimed::id).toList()),
                reachAll(tenant, leadIds, steps.stream().anyMatch(c -> nextIsCall(c, seen))),
                enrolments.touchesOf(tenant, leadIds, now.minus(Duration.ofDays(7))), actors);
    }

    /**
     * Queues the batch's emails and texts through their channels, a batch each per enrolling user, and makes the
     * tasks; each step's outcome. A message a channel refuses (a field with no value, say) fails its step alone.
     */
    private List<EnrolmentRepository.Outcome> carryOut(TenantId tenant, List<Send> sends, Known known, Instant now) {
        List<EnrolmentRepository.Outcome> out = new ArrayList<>();
        if (sends.isEmpty()) {
            return out;
        }
        // Merge fields for the texts, calls and tasks that have any, read together.
        Map<UserId, List<UUID>> toRender = new LinkedHashMap<>();
        for (Send s : sends) {
            if (s.definition().kind() != StepKind.EMAIL && s.body() != null && s.body().contains("{{")) {
                toRender.computeIfAbsent(s.actor().userId(), u -> new ArrayList<>()).add(s.step().leadId());
            }
        }
        Map<UserId, Map<UUID, Map<MergeField, String>>> fields = new java.util.HashMap<>();
        toRender.forEach((user, ids) -> {
            Actor actor = known.actors().get(user).orElseThrow();
            fields.put(user, tx.execute(s -> mergeFields.fieldsOf(actor, ids)));
        });
        Map<UserId, List<EmailTemplates.TemplateSend>> emails = new LinkedHashMap<>();
        List<SendRequest> texts = new ArrayList<>();
        Map<String, Send> byKey = new java.util.HashMap<>();
        for (Send s : sends) {
            Claimed c = s.step();
            String key = EnrolmentRepository.key(c);
            byKey.put(key, s);
            SequenceStep step = s.definition();
            String variant = s.variant();
            try {
                switch (step.kind()) {
                    case EMAIL -> emails.computeIfAbsent(s.actor().userId(), u -> new ArrayList<>())
                            .add(new EmailTemplates.TemplateSend(step.template(variant), c.leadId(), s.reach().email(), key));
                    case SMS, CALL -> {
                        Channel channel = step.kind() == StepKind.SMS ? Channel.SMS : Channel.VOICE;
                        String text = render(fields.getOrDefault(s.actor().userId(), Map.of()).get(c.leadId()),
                                s.body() == null ? "" : s.body());
                        texts.add(new SendRequest(tenant, channel, MessagePurpose.OUTREACH, s.reach().phone(), null,
                                text, key, s.actor().userId()));
                    }
                    case TASK -> {
                        Lead lead = known.leads().get(c.leadId());
                        UserId assignee = lead.ownerId() != null ? lead.ownerId() : s.actor().userId();
                        String body = s.body();
                        String title = (step.taskKind() == null ? "Follow up" : step.taskKind().label()) + ": "
                                + lead.place() + (body == null || body.isBlank() ? "" : " (" + render(
                                        fields.getOrDefault(s.actor().userId(), Map.of()).get(c.leadId()), body) + ")");
                        tx.executeWithoutResult(t -> enrolments.insertTask(tenant, ids.next(), c, assignee,
                                step.taskKind() == null ? "PHONE_CALL" : step.taskKind().name(), title, now, now));
                        out.add(new EnrolmentRepository.Outcome(c, RunStatus.TASK_CREATED, null, null,
                                step.hasVariant() ? variant : null, title, next(c, s.sequence(), now, s.reach())));
                    }
                    default -> throw new IllegalStateException("unknown step kind " + step.kind());
                }
            } catch (InvalidInputException | NotFoundException e) {
                out.add(failed(c, step, message(e), variant));
            }
        }
        List<OutreachService.Queued> queued = new ArrayList<>();
        emails.forEach((user, batch) -> queued.addAll(templates.sendAll(known.actors().get(user).orElseThrow(), batch)));
        queued.addAll(outreach.sendAll(tenant, texts, Map.of()));
        for (OutreachService.Queued q : queued) {
            Send s = byKey.get(q.idempotencyKey());
            SequenceStep step = s.definition();
            if (q.messageId() == null) {
                out.add(failed(s.step(), step, q.refused() == null ? "not sent" : q.refused(), s.variant()));
                continue;
            }
            String channel = switch (step.kind()) {
                case EMAIL -> Channel.EMAIL.name();
                case SMS -> Channel.SMS.name();
                default -> Channel.VOICE.name();
            };
            out.add(new EnrolmentRepository.Outcome(s.step(), RunStatus.SENT, q.messageId(), channel,
                    step.hasVariant() ? s.variant() : null, null, next(s.step(), s.sequence(), now, s.reach())));
        }
        return out;
    }

    /** Where the homeowner is reached: the first usable email and phone of the home's people, and their zone. */
    record Reach(@Nullable String email, @Nullable String phone, ZoneId zone,
            dev.ridgeline.outreach.compliance.RecipientDirectory.@Nullable Recipient recipient) {

        Reach with(dev.ridgeline.outreach.compliance.RecipientDirectory.@Nullable Recipient r) {
            return new Reach(email, phone, zone, r);
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
    private static String render(@Nullable Map<MergeField, String> values, String body) {
        MergeTemplate.Rendered r = MergeTemplate.parse(body).render(values == null ? Map.of() : values, false);
        if (!r.missing().isEmpty()) {
            throw InvalidInputException.of("body", "this lead has no value for " + String.join(", ",
                    r.missing().stream().map(f -> "{{" + f.key() + "}}").toList()) + " and the step gives no fallback");
        }
        return r.text().strip();
    }

    /** Where the homeowners of many leads are reached, by lead: their homes' people read together. */
    private Map<UUID, Reach> reachAll(TenantId tenant, java.util.Collection<UUID> leadIds, boolean withRecipients) {
        Map<UUID, UUID> homeOf = leads.propertiesOf(tenant, leadIds);
        Map<UUID, List<Contact>> people = properties.contactsOf(tenant, homeOf.values());
        ZoneId company = zone(identity.getTenant(tenant).timeZone()).orElse(ZoneId.of("America/Chicago"));
        Map<UUID, Reach> out = new java.util.HashMap<>();
        for (UUID lead : leadIds) {
            UUID home = homeOf.get(lead);
            out.put(lead, reach(home == null ? List.of() : people.getOrDefault(home, List.of()), company));
        }
        if (withRecipients) {
            // For planning texts and calls into the hours their numbers may be called: read together too.
            var byPhone = recipients.byPhones(tenant, out.values().stream().map(Reach::phone)
                    .filter(java.util.Objects::nonNull).distinct().toList());
            out.replaceAll((lead, r) -> r.phone() == null ? r : r.with(byPhone.get(r.phone())));
        }
        return out;
    }

    private static Reach reach(List<Contact> contacts, ZoneId company) {
        String email = contacts.stream().flatMap(x -> x.emails().stream()).filter(ContactPoint::usable)
                .map(ContactPoint::value).findFirst().orElse(null);
        String phone = contacts.stream().flatMap(x -> x.phones().stream()).filter(ContactPoint::usable)
                .map(ContactPoint::value).findFirst().orElse(null);
        ZoneId zone = contacts.stream().map(Contact::timeZone).filter(z -> z != null && !z.isBlank()).findFirst()
                .flatMap(SequenceEngine::zone).orElse(company);
        return new Reach(email, phone, zone, null);
    }

    Reach reach(TenantId tenant, UUID leadId) {
        return reachAll(tenant, List.of(leadId), false).get(leadId);
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
        var recipient = reach.recipient() != null ? reach.recipient() : recipients.byPhone(tenant, reach.phone());
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

    private Optional<Actor> actor(Claimed c) {
        if (c.enrolledBy() == null) {
            return Optional.empty();
        }
        return identity.findUser(c.tenant(), c.enrolledBy()).filter(u -> u.status() == UserStatus.ACTIVE)
                .map((User u) -> Actor.user(c.tenant(), u.id(), u.role()));
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

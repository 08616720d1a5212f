package dev.ridgeline.leads;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.identity.User;
import dev.ridgeline.identity.UserStatus;
import dev.ridgeline.leads.internal.LeadRepository;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.platform.Permission;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;

/**
 * The pipeline. Every read and write is scoped to the actor's company, and for reps to the leads they own: a
 * rep asking for someone else's lead gets "not found", exactly like a lead of another company.
 */
@Service
public class LeadsService {

    /** Optional filters for the lead list. */
    public record LeadFilter(@Nullable LeadStage stage, @Nullable UserId owner, @Nullable String search, int limit) {

        public static LeadFilter all(int limit) {
            return new LeadFilter(null, null, null, limit);
        }
    }

    private final LeadRepository leads;
    private final IdentityService identity;
    private final ApplicationEventPublisher events;
    private final IdGenerator ids;
    private final Clock clock;

    public LeadsService(LeadRepository leads, IdentityService identity, ApplicationEventPublisher events,
            IdGenerator ids, Clock clock) {
        this.leads = leads;
        this.identity = identity;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Lead> list(Actor actor, LeadFilter filter) {
        Map<UserId, String> names = identity.names(actor.tenantId());
        return leads.list(actor.tenantId(), visibleOwner(actor), filter).stream()
                .map(l -> l.withOwnerName(l.ownerId() == null ? null : names.get(l.ownerId()))).toList();
    }

    @Transactional(readOnly = true)
    public Lead get(Actor actor, UUID id) {
        return visible(actor, id).orElseThrow(() -> new NotFoundException("lead", id));
    }

    /** The lead if the actor may see it (a rep their own, managers and owners any); empty otherwise. */
    @Transactional(readOnly = true)
    public java.util.Optional<Lead> visible(Actor actor, UUID id) {
        return leads.find(actor.tenantId(), id)
                .filter(l -> actor.can(Permission.LEADS_VIEW_ALL) || actor.userId().equals(l.ownerId()))
                .map(lead -> lead.ownerId() == null ? lead : lead.withOwnerName(identity.findUser(actor.tenantId(),
                        lead.ownerId()).map(User::name).orElse(null)));
    }

    @Transactional(readOnly = true)
    public List<LeadActivity> timeline(Actor actor, UUID id) {
        get(actor, id);
        Map<UserId, String> names = identity.names(actor.tenantId());
        return leads.activity(actor.tenantId(), id).stream()
                .map(a -> a.withActorName(a.actorId() == null ? null : names.get(a.actorId()))).toList();
    }

    /** Managers and owners create leads for anyone; a rep's new lead is theirs. */
    @Transactional
    public Lead create(Actor actor, NewLead lead) {
        Map<String, String> errors = new LinkedHashMap<>();
        String address = lead.address() == null ? "" : lead.address().trim();
        if (address.isEmpty()) {
            errors.put("address", "is required");
        }
        if ((lead.latitude() == null) != (lead.longitude() == null)) {
            errors.put("latitude", "give both latitude and longitude, or neither");
        }
        if (lead.latitude() != null && (lead.latitude() < -90 || lead.latitude() > 90)) {
            errors.put("latitude", "must be between -90 and 90");
        }
        if (lead.longitude() != null && (lead.longitude() < -180 || lead.longitude() > 180)) {
            errors.put("longitude", "must be between -180 and 180");
        }
        UserId owner = actor.can(Permission.LEADS_ASSIGN) ? lead.ownerId() : actor.userId();
        if (owner != null && !owner.equals(actor.userId())) {
            checkAssignee(actor, owner, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        UUID id = ids.next();
        leads.insert(actor.tenantId(), id, new NewLead(address, blank(lead.city()), blank(lead.region()),
                blank(lead.postalCode()), blank(lead.homeownerName()), lead.latitude(), lead.longitude(), owner,
                blank(lead.notes())), actor.apiKeyId() == null ? "manual" : "api", actor.userId(), clock.instant());
        leads.addActivity(actor.tenantId(), id, actor.userId(), "created", "Lead created", clock.instant());
        return get(actor, id);
    }

    /** A lead started from a scored home: the home is remembered, so the lead's outcome can teach the score. */
    @Transactional
    public Lead createForHome(Actor actor, NewLead lead, UUID propertyId) {
        Lead created = create(actor, lead);
        leads.linkProperty(actor.tenantId(), created.id(), propertyId);
        return created;
    }

    /**
     * The lead of a home for work the app does for a company (a sequence's trigger): the newest lead started from
     * the home, or a new one made by {@code actor} from {@code lead} when there is none.
     */
    @Transactional
    public Lead forHome(Actor actor, UUID propertyId, java.util.function.Supplier<NewLead> lead) {
        return leads.leadOfProperty(actor.tenantId(), propertyId).flatMap(id -> leads.find(actor.tenantId(), id))
                .orElseGet(() -> createForHome(actor, lead.get(), propertyId));
    }

    /** For other modules' pages and ledgers: the newest lead started from a home, if any. */
    @Transactional(readOnly = true)
    public java.util.Optional<Lead> leadOfHome(TenantId tenant, UUID propertyId) {
        return leads.leadOfProperty(tenant, propertyId).flatMap(id -> leads.find(tenant, id));
    }

    /** For analysis jobs: the home a lead was started from, if it was. */
    @Transactional(readOnly = true)
    public java.util.Optional<UUID> propertyOf(TenantId tenant, UUID leadId) {
        return leads.propertyOf(tenant, leadId);
    }

    /**
     * For background work that acts for a company (sequences): a lead whatever its owner; permission checks are the
     * caller's, made when the work was started.
     */
    @Transactional(readOnly = true)
    /** The leads at a street address (for matching imported rows), in a ZIP when one is given; at most two. */
    public List<Lead> atAddress(TenantId tenant, String address, @Nullable String postalCode) {
        return leads.atAddress(tenant, address, postalCode, 2);
    }

    public java.util.Optional<Lead> find(TenantId tenant, UUID id) {
        return leads.find(tenant, id);
    }

    /** For background work (a batch of sequence steps): many leads whatever their owner, by id. */
    @Transactional(readOnly = true)
    public java.util.Map<UUID, Lead> findAll(TenantId tenant, java.util.Collection<UUID> ids) {
        return leads.findAll(tenant, ids);
    }

    /** The leads of {@code ids} the actor may see (a rep their own, managers and owners any), by id. */
    @Transactional(readOnly = true)
    public java.util.Map<UUID, Lead> visibleAll(Actor actor, java.util.Collection<UUID> ids) {
        java.util.Map<UUID, Lead> out = new java.util.LinkedHashMap<>();
        leads.findAll(actor.tenantId(), ids).values().stream()
                .filter(l -> actor.can(Permission.LEADS_VIEW_ALL) || actor.userId().equals(l.ownerId()))
                .forEach(l -> out.put(l.id(), l));
        return out;
    }

    /** The homes many leads were started from, by lead. */
    @Transactional(readOnly = true)
    public java.util.Map<UUID, UUID> propertiesOf(TenantId tenant, java.util.Collection<UUID> leadIds) {
        return leads.propertiesOf(tenant, leadIds);
    }

    /**
     * {@link #advance} for many leads: moved together, each with its timeline entry and its {@link LeadStageChanged};
     * how many moved.
     */
    @Transactional
    public int advanceAll(TenantId tenant, java.util.Collection<UUID> ids, LeadStage stage, String why) {
        java.util.Map<UUID, LeadStage> moved = leads.advanceAll(tenant, ids, stage, why, clock.instant());
        moved.forEach((id, from) -> events.publishEvent(new LeadStageChanged(tenant, id, from, stage, null)));
        return moved.size();
    }

    /** For analysis jobs: the decided leads (won or lost) that were started from a home. */
    @Transactional(readOnly = true)
    public List<LeadOutcome> outcomes(TenantId tenant) {
        return leads.outcomes(tenant);
    }

    @Transactional
    public Lead assign(Actor actor, UUID id, @Nullable UserId owner) {
        actor.require(Permission.LEADS_ASSIGN);
        Lead lead = get(actor, id);
        Map<String, String> errors = new LinkedHashMap<>();
        String ownerName = owner == null ? null : checkAssignee(actor, owner, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        leads.assign(actor.tenantId(), id, owner, clock.instant());
        leads.addActivity(actor.tenantId(), id, actor.userId(), "assigned",
                owner == null ? "Unassigned" : "Assigned to " + ownerName, clock.instant());
        events.publishEvent(new LeadAssigned(actor.tenantId(), id, owner, actor.userId()));
        return get(actor, lead.id());
    }

    /** Reps move their own leads; managers and owners any lead. */
    @Transactional
    public Lead moveTo(Actor actor, UUID id, LeadStage stage) {
        Lead lead = get(actor, id);
        if (lead.stage() == stage) {
            return lead;
        }
        leads.moveTo(actor.tenantId(), id, stage, clock.instant());
        leads.addActivity(actor.tenantId(), id, actor.userId(), "stage",
                "Moved from " + lead.stage().label() + " to " + stage.label(), clock.instant());
        events.publishEvent(new LeadStageChanged(actor.tenantId(), id, lead.stage(), stage, actor.userId()));
        return get(actor, id);
    }

    /**
     * Moves a lead forward by what the app saw (a sequence's first touch, the homeowner's reply), never back and never
     * out of a closed stage; the timeline says why. True when it moved.
     */
    @Transactional
    public boolean advance(TenantId tenant, UUID id, LeadStage stage, String why) {
        Lead lead = leads.find(tenant, id).orElse(null);
        if (lead == null || !lead.stage().open() || lead.stage().ordinal() >= stage.ordinal()) {
            return false;
        }
        leads.moveTo(tenant, id, stage, clock.instant());
        leads.addActivity(tenant, id, null, "stage", "Moved from " + lead.stage().label() + " to " + stage.label()
                + ": " + why, clock.instant());
        events.publishEvent(new LeadStageChanged(tenant, id, lead.stage(), stage, null));
        return true;
    }

    /**
     * The value of the job (the signed contract, in dollars), for revenue per sequence and source; null clears it.
     * Whoever may work the lead may set it; the timeline records the change.
     */
    @Transactional
    public void setJobValue(Actor actor, UUID id, java.math.@Nullable BigDecimal value) {
        get(actor, id);
        if (value != null && (value.signum() < 0 || value.compareTo(new java.math.BigDecimal("10000000")) >= 0)) {
            throw InvalidInputException.of("jobValue", "a job value between $0 and $9,999,999.99");
        }
        java.math.BigDecimal rounded = value == null ? null : value.setScale(2, java.math.RoundingMode.HALF_UP);
        leads.setJobValue(actor.tenantId(), id, rounded, clock.instant());
        leads.addActivity(actor.tenantId(), id, actor.userId(), "job-value", rounded == null ? "Job value cleared"
                : "Job value set to $" + String.format(java.util.Locale.US, "%,.2f", rounded), clock.instant());
    }

    /** Job values of those of the leads that have one. */
    @Transactional(readOnly = true)
    public java.util.Map<UUID, java.math.BigDecimal> jobValues(TenantId tenant, java.util.Collection<UUID> ids) {
        return leads.jobValues(tenant, ids);
    }

    @Transactional
    public Lead addNote(Actor actor, UUID id, String text) {
        get(actor, id);
        String note = text == null ? "" : text.trim();
        if (note.isEmpty()) {
            throw InvalidInputException.of("text", "write something first");
        }
        if (note.length() > 4000) {
            throw InvalidInputException.of("text", "at most 4000 characters");
        }
        leads.addActivity(actor.tenantId(), id, actor.userId(), "note", note, clock.instant());
        return get(actor, id);
    }

    /** Who the actor may hand leads to: active users of the company. */
    @Transactional(readOnly = true)
    public List<User> assignees(Actor actor) {
        if (!actor.can(Permission.LEADS_ASSIGN)) {
            return List.of();
        }
        return identity.users(actor).stream().filter(u -> u.status() != UserStatus.DISABLED).toList();
    }

    private @Nullable UserId visibleOwner(Actor actor) {
        return actor.can(Permission.LEADS_VIEW_ALL) ? null : actor.userId();
    }

    private String checkAssignee(Actor actor, UserId owner, Map<String, String> errors) {
        return identity.findUser(actor.tenantId(), owner).filter(u -> u.status() != UserStatus.DISABLED)
                .map(User::name)
                .orElseGet(() -> {
                    errors.put("ownerId", "is not an active user of your company");
                    return null;
                });
    }

    private static @Nullable String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

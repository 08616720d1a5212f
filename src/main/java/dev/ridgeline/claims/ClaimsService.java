package dev.ridgeline.claims;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.leads.Lead;
import dev.ridgeline.leads.LeadStage;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.property.PropertyService;
import dev.ridgeline.signals.NearbyStorm;

/**
 * Claims: one per lead, kept by whoever may work the lead. Every change is checked (the money's arithmetic, the
 * status moves that are allowed) and nothing is half-saved; each status change is kept with who made it and goes on
 * the lead's timeline; a filed claim moves the lead to "Claim filed", a paid claim with nothing left owed to "Paid".
 * The date of loss is matched against the storm reports near the home (the same day, give or take one), and the
 * nearest is kept as the evidence.
 */
@Service
public class ClaimsService {

    private final JdbcClient jdbc;
    private final LeadsService leads;
    private final PropertyService properties;
    private final FilingWindows windows;
    private final IdGenerator ids;
    private final Clock clock;

    ClaimsService(JdbcClient jdbc, LeadsService leads, PropertyService properties, FilingWindows windows,
            IdGenerator ids, Clock clock) {
        this.jdbc = jdbc;
        this.leads = leads;
        this.properties = properties;
        this.windows = windows;
        this.ids = ids;
        this.clock = clock;
    }

    /** Opens the lead's claim, in {@code status} (not filed, or filed). */
    @Transactional
    public Claim open(Actor actor, UUID leadId, ClaimDraft draft, ClaimStatus status, String source) {
        Lead lead = leads.get(actor, leadId);
        if (status != ClaimStatus.NOT_FILED && status != ClaimStatus.FILED) {
            throw InvalidInputException.of("status", "a new claim is not filed or filed, not " + status.label());
        }
        if (find(actor.tenantId(), leadId).isPresent()) {
            throw InvalidInputException.of("lead", lead.place() + " already has a claim");
        }
        ClaimMoney money = draft.money(BigDecimal.ZERO.setScale(2)).checked();
        UUID id = ids.next();
        Instant now = clock.instant();
        try {
            jdbc.sql("""
                    insert into claims.claim (tenant_id, id, lead_id, status, status_since, source, created_at, updated_at)
                    values (:t, :id, :lead, :status, :now, :source, :now, :now)""")
                    .param("t", actor.tenantId().value()).param("id", id).param("lead", leadId)
                    .param("status", status.name()).param("now", Timestamp.from(now)).param("source", source).update();
        } catch (DuplicateKeyException e) {
            throw InvalidInputException.of("lead", lead.place() + " already has a claim");
        }
        write(actor, id, lead, draft, money);
        history(actor, id, null, status, "opened (" + source + ")");
        leads.addNote(actor, leadId, "Claim opened: " + status.label()
                + (draft.carrier() == null ? "" : " with " + draft.carrier()) + ".");
        if (status == ClaimStatus.FILED) {
            leads.advance(actor.tenantId(), leadId, LeadStage.CLAIM_FILED, "insurance claim filed");
        }
        return get(actor, id);
    }

    /** Changes what is known of the claim; the status moves apart ({@link #move}). */
    @Transactional
    public Claim update(Actor actor, UUID claimId, ClaimDraft draft) {
        Claim c = get(actor, claimId);
        Lead lead = leads.get(actor, c.leadId());
        ClaimMoney money = draft.money(approvedSupplements(actor.tenantId(), claimId)).checked();
        write(actor, claimId, lead, draft, money);
        return get(actor, claimId);
    }

    private void write(Actor actor, UUID id, Lead lead, ClaimDraft d, ClaimMoney m) {
        String cause = d.cause() == null || d.cause().isBlank() ? "hail" : d.cause().toLowerCase(Locale.ROOT);
        if (!List.of("hail", "wind", "tornado", "other").contains(cause)) {
            throw InvalidInputException.of("cause", "the cause of loss is hail, wind, tornado or other, not '"
                    + d.cause() + "'");
        }
        if (d.dateOfLoss() != null && d.dateOfLoss().isAfter(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
                .plusDays(1))) {
            throw InvalidInputException.of("dateOfLoss", "the date of loss " + d.dateOfLoss() + " is in the future");
        }
        if (d.adjusterEmail() != null && !d.adjusterEmail().isBlank() && !d.adjusterEmail().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw InvalidInputException.of("adjusterEmail", "'" + d.adjusterEmail() + "' is not an email address");
        }
        Optional<NearbyStorm> storm = d.dateOfLoss() == null ? Optional.empty() : storm(actor, lead, d.dateOfLoss());
        try {
            jdbc.sql("""
                    update claims.claim set carrier = :carrier, policy_number = :policy, claim_number = :number,
                      date_of_loss = :loss, cause = :cause, storm_report_id = :storm, storm_miles = :miles,
                      storm_headline = :headline, adjuster_name = :an, adjuster_company = :ac, adjuster_phone = :ap,
                      adjuster_email = :ae, adjuster_meeting = :meeting, rcv = :rcv, acv = :acv,
                      dep_recoverable = :dr, dep_nonrecoverable = :dn, overhead_profit = :op, deductible = :ded,
                      paid_by_carrier = :pc, paid_by_homeowner = :ph, updated_at = :now
                    where tenant_id = :t and id = :id""")
                    .param("carrier", blank(d.carrier())).param("policy", blank(d.policyNumber()))
                    .param("number", blank(d.claimNumber())).param("loss", d.dateOfLoss()).param("cause", cause)
                    .param("storm", storm.map(s -> s.report().id()).orElse(null))
                    .param("miles", storm.map(NearbyStorm::miles).orElse(null))
                    .param("headline", storm.map(s -> s.report().headline() + " on " + s.report().reportDate()).orElse(null))
                    .param("an", blank(d.adjusterName())).param("ac", blank(d.adjusterCompany()))
                    .param("ap", blank(d.adjusterPhone())).param("ae", blank(d.adjusterEmail()))
                    .param("meeting", d.adjusterMeeting() == null ? null : Timestamp.from(d.adjusterMeeting()))
                    .param("rcv", m.rcv()).param("acv", m.acv()).param("dr", m.recoverableDepreciation())
                    .param("dn", m.nonRecoverableDepreciation()).param("op", m.overheadAndProfit())
                    .param("ded", m.deductible()).param("pc", m.paidByCarrier()).param("ph", m.paidByHomeowner())
                    .param("now", Timestamp.from(clock.instant())).param("t", actor.tenantId().value()).param("id", id)
                    .update();
        } catch (DuplicateKeyException e) {
            throw InvalidInputException.of("claimNumber", "claim number " + d.claimNumber() + " with " + d.carrier()
                    + " is already on another lead");
        }
    }

    /** The storm report nearest the home on the date of loss, a day either side. */
    private Optional<NearbyStorm> storm(Actor actor, Lead lead, LocalDate loss) {
        return leads.propertyOf(actor.tenantId(), lead.id())
                .map(p -> properties.details(actor, p).storms())
                .orElse(List.of()).stream()
                .filter(s -> Math.abs(s.report().reportDate().toEpochDay() - loss.toEpochDay()) <= 1)
                .min(Comparator.comparingDouble(NearbyStorm::miles));
    }

    /** Moves the claim to {@code to} when that move is allowed; the refusal names the moves that are. */
    @Transactional
    public Claim move(Actor actor, UUID claimId, ClaimStatus to, @Nullable String note) {
        Claim c = lock(actor, claimId);
        if (!c.status().canBecome(to)) {
            throw InvalidInputException.of("status", "a claim that is " + c.status().label() + " cannot become "
                    + to.label() + (c.status().next().isEmpty() ? "" : "; it may become: " + String.join(", ",
                    c.status().next().stream().map(ClaimStatus::label).toList())));
        }
        Instant now = clock.instant();
        boolean decided = to == ClaimStatus.APPROVED || to == ClaimStatus.PARTIALLY_APPROVED || to == ClaimStatus.DENIED;
        jdbc.sql("""
                update claims.claim set status = :s, status_since = :now, updated_at = :now,
                  decided_on = case when :decided then coalesce(decided_on, :today) else decided_on end
                where tenant_id = :t and id = :id""")
                .param("s", to.name()).param("now", Timestamp.from(now)).param("decided", decided)
                .param("today", LocalDate.ofInstant(now, ZoneOffset.UTC)).param("t", actor.tenantId().value())
                .param("id", claimId).update();
        history(actor, claimId, c.status(), to, note);
        leads.addNote(actor, c.leadId(), "Claim: " + c.status().label() + " → " + to.label()
                + (note == null || note.isBlank() ? "" : " (" + note.strip() + ")"));
        Claim after = get(actor, claimId);
        if (to == ClaimStatus.FILED) {
            leads.advance(actor.tenantId(), c.leadId(), LeadStage.CLAIM_FILED, "insurance claim filed");
        } else if (to == ClaimStatus.PAID && after.money().carrierOwes().signum() == 0
                && after.money().homeownerOwes().signum() == 0 && after.money().jobTotal().signum() > 0) {
            leads.advance(actor.tenantId(), c.leadId(), LeadStage.PAID, "the claim is paid in full");
        }
        return after;
    }

    private void history(Actor actor, UUID claimId, @Nullable ClaimStatus from, ClaimStatus to, @Nullable String note) {
        jdbc.sql("""
                insert into claims.status_change (tenant_id, claim_id, from_status, to_status, note, actor_id, at)
                values (:t, :c, :from, :to, :note, :actor, :at)""")
                .param("t", actor.tenantId().value()).param("c", claimId).param("from", from == null ? null : from.name())
                .param("to", to.name()).param("note", blank(note))
                .param("actor", actor.userId() == null ? null : actor.userId().value())
                .param("at", Timestamp.from(clock.instant())).update();
    }

    /** One status change in a claim's history. */
    public record StatusChange(@Nullable ClaimStatus from, ClaimStatus to, @Nullable String note, Instant at) {
    }

    public List<StatusChange> history(Actor actor, UUID claimId) {
        get(actor, claimId);
        return jdbc.sql("select from_status, to_status, note, at from claims.status_change where tenant_id = :t "
                + "and claim_id = :c order by at, to_status").param("t", actor.tenantId().value()).param("c", claimId)
                .query((rs, n) -> new StatusChange(rs.getString(1) == null ? null : ClaimStatus.valueOf(rs.getString(1)),
                        ClaimStatus.valueOf(rs.getString(2)), rs.getString(3), rs.getTimestamp(4).toInstant())).list();
    }

    /** The approved supplements' amount (each line's approved quantity times its unit price, to the cent). */
    private BigDecimal approvedSupplements(TenantId tenant, UUID claimId) {
        return jdbc.sql("""
                select coalesce(sum(round(approved_quantity * unit_price, 2)), 0) from claims.supplement
                where tenant_id = :t and claim_id = :c and status = 'approved'""")
                .param("t", tenant.value()).param("c", claimId).query(BigDecimal.class).single().setScale(2);
    }

    // Reading

    /** The status of a lead's claim, for the module's neighbours' rules (a sequence step's condition). */
    public Optional<ClaimStatus> status(TenantId tenant, UUID leadId) {
        return jdbc.sql("select status from claims.claim where tenant_id = :t and lead_id = :l")
                .param("t", tenant.value()).param("l", leadId).query(String.class).optional().map(ClaimStatus::valueOf);
    }

    public Claim get(Actor actor, UUID claimId) {
        Claim c = find(actor.tenantId(), claimId, "id").orElseThrow(() -> new NotFoundException("claim", claimId));
        leads.get(actor, c.leadId());
        return c;
    }

    public Optional<Claim> forLead(Actor actor, UUID leadId) {
        leads.get(actor, leadId);
        return find(actor.tenantId(), leadId);
    }

    Optional<Claim> find(TenantId tenant, UUID leadId) {
        return find(tenant, leadId, "lead_id");
    }

    /** A claim's row with its approved supplements' amount, in one statement. */
    private static final String SELECT = """
            select c.*, (select coalesce(sum(round(s.approved_quantity * s.unit_price, 2)), 0) from claims.supplement s
                         where s.tenant_id = c.tenant_id and s.claim_id = c.id and s.status = 'approved') as approved
            from claims.claim c""";

    private Optional<Claim> find(TenantId tenant, UUID key, String column) {
        Map<String, FilingWindows.Window> byState = new HashMap<>();
        return jdbc.sql(SELECT + " where c.tenant_id = :t and c." + column + " = :k")
                .param("t", tenant.value()).param("k", key)
                .query((rs, n) -> row(tenant, rs, leads.find(tenant, rs.getObject("lead_id", UUID.class))
                        .map(Lead::region).orElse(null), byState)).optional();
    }

    /** The claim, its row locked for the rest of the transaction. */
    Claim lock(Actor actor, UUID claimId) {
        Claim c = get(actor, claimId);
        jdbc.sql("select id from claims.claim where tenant_id = :t and id = :id for update")
                .param("t", actor.tenantId().value()).param("id", claimId).query(UUID.class).single();
        return c;
    }

    /** The claims the person may see, newest change first, optionally of one status. */
    public List<Claim> list(Actor actor, @Nullable ClaimStatus status) {
        Map<UUID, @Nullable String> regions = new HashMap<>();
        leads.list(actor, new LeadsService.LeadFilter(null, null, null, 100_000)).forEach(l -> regions.put(l.id(),
                l.region()));
        if (regions.isEmpty()) {
            return List.of();
        }
        // Each state's windows read once for the whole list.
        Map<String, FilingWindows.Window> byState = new HashMap<>();
        return jdbc.sql(SELECT + " where c.tenant_id = :t and c.lead_id in (:leads)"
                        + (status == null ? "" : " and c.status = :s") + " order by c.updated_at desc")
                .param("t", actor.tenantId().value()).param("leads", regions.keySet())
                .param("s", status == null ? "" : status.name())
                .query((rs, n) -> row(actor.tenantId(), rs, regions.get(rs.getObject("lead_id", UUID.class)), byState))
                .list();
    }

    /** One column of the claims board: its claims and their money. */
    public record Column(ClaimStatus status, List<Claim> claims, BigDecimal jobTotal, BigDecimal carrierOwes,
            BigDecimal homeownerOwes) {
    }

    public List<Column> board(Actor actor) {
        Map<ClaimStatus, List<Claim>> by = new EnumMap<>(ClaimStatus.class);
        for (ClaimStatus s : ClaimStatus.values()) {
            by.put(s, new ArrayList<>());
        }
        list(actor, null).forEach(c -> by.get(c.status()).add(c));
        List<Column> out = new ArrayList<>();
        by.forEach((s, cs) -> out.add(new Column(s, cs, sum(cs, c -> c.money().jobTotal()),
                sum(cs, c -> c.money().carrierOwes()), sum(cs, c -> c.money().homeownerOwes()))));
        return out;
    }

    private static BigDecimal sum(List<Claim> cs, java.util.function.Function<Claim, BigDecimal> f) {
        return cs.stream().map(f).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    /** A deadline of an open claim, with the days left (negative: overdue). */
    public record Deadline(Claim claim, String what, LocalDate due, long daysLeft) {
    }

    /** Deadlines due within {@code days} of {@code today} (and all overdue ones), soonest first. */
    public List<Deadline> deadlines(Actor actor, LocalDate today, int days) {
        List<Deadline> out = new ArrayList<>();
        for (Claim c : list(actor, null)) {
            if (c.status() == ClaimStatus.NOT_FILED && c.filingDeadline() != null) {
                out.add(new Deadline(c, "file the claim", c.filingDeadline(), c.filingDeadline().toEpochDay()
                        - today.toEpochDay()));
            }
            if (c.depreciationDeadline() != null && c.status() != ClaimStatus.CLOSED
                    && c.money().recoverableDepreciation().signum() > 0 && c.money().carrierOwes().signum() > 0) {
                out.add(new Deadline(c, "recover the depreciation", c.depreciationDeadline(),
                        c.depreciationDeadline().toEpochDay() - today.toEpochDay()));
            }
        }
        return out.stream().filter(d -> d.daysLeft() <= days).sorted(Comparator.comparing(Deadline::due)).toList();
    }

    private Claim row(TenantId tenant, ResultSet rs, @Nullable String region,
            Map<String, FilingWindows.Window> byState) throws SQLException {
        ClaimMoney money = new ClaimMoney(rs.getBigDecimal("rcv"), rs.getBigDecimal("acv"),
                rs.getBigDecimal("dep_recoverable"), rs.getBigDecimal("dep_nonrecoverable"),
                rs.getBigDecimal("overhead_profit"), rs.getBigDecimal("deductible"), rs.getBigDecimal("paid_by_carrier"),
                rs.getBigDecimal("paid_by_homeowner"), rs.getBigDecimal("approved").setScale(2));
        LocalDate loss = rs.getObject("date_of_loss", LocalDate.class);
        LocalDate decided = rs.getObject("decided_on", LocalDate.class);
        UUID leadId = rs.getObject("lead_id", UUID.class);
        FilingWindows.Window w = byState.computeIfAbsent(region == null ? "" : region,
                r -> windows.window(tenant, r.isEmpty() ? null : r));
        Timestamp meeting = rs.getTimestamp("adjuster_meeting");
        double miles = rs.getDouble("storm_miles");
        return new Claim(rs.getObject("id", UUID.class), leadId, rs.getString("carrier"), rs.getString("policy_number"),
                rs.getString("claim_number"), loss, rs.getString("cause"), rs.getObject("storm_report_id", UUID.class),
                rs.wasNull() ? null : miles, rs.getString("storm_headline"), rs.getString("adjuster_name"),
                rs.getString("adjuster_company"), rs.getString("adjuster_phone"), rs.getString("adjuster_email"),
                meeting == null ? null : meeting.toInstant(), ClaimStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("status_since").toInstant(), decided, money,
                loss == null ? null : loss.plusDays(w.filingDays()),
                decided == null ? null : decided.plusDays(w.depreciationDays()), rs.getString("source"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private static @Nullable String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

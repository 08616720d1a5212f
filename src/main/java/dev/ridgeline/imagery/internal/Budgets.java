package dev.ridgeline.imagery.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.imagery.BudgetAlertRaised;
import dev.ridgeline.imagery.ImageryProperties;
import dev.ridgeline.imagery.Purpose;
import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.TenantId;

/**
 * The usage and cost ledger of imagery calls and the budgets that bound it. A paid image is reserved before the
 * call, under a per-company lock, against the source's monthly budget and daily quota and the overall monthly
 * budget: so two nodes asking at once can never both spend the last dollar. The reservation is confirmed when the
 * call was made and released when it was not (no image, an error). Crossing 50%, 80% or 100% of a budget raises an
 * alert once a month. Free calls are written as they happen, at $0, so allowances are counted too.
 */
@Component
public class Budgets {

    public static final String OVERALL = "*";
    static final int[] THRESHOLDS = {50, 80, 100};

    /** A budget row: null fields mean "no limit of that kind". */
    public record Budget(String source, @Nullable BigDecimal monthlyUsd, @Nullable Integer dailyQuota) {
    }

    /** A reservation made, or why none was. */
    public record Reservation(@Nullable UUID id, @Nullable String refusal) {
        public boolean granted() {
            return id != null;
        }
    }

    private final JdbcClient jdbc;
    private final IdGenerator ids;
    private final Clock clock;
    private final ImageryProperties settings;
    private final ApplicationEventPublisher events;

    Budgets(JdbcClient jdbc, IdGenerator ids, Clock clock, ImageryProperties settings, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
        this.events = events;
    }

    /** The company's budgets, with the overall one always present (the installation default when not set). */
    @Transactional(readOnly = true)
    public Map<String, Budget> budgets(TenantId tenant) {
        Map<String, Budget> out = new java.util.LinkedHashMap<>();
        out.put(OVERALL, new Budget(OVERALL, settings.defaultMonthlyBudget(), null));
        jdbc.sql("select source, monthly_usd, daily_quota from imagery.budget where tenant_id = :t order by source")
                .param("t", tenant.value())
                .query((rs, n) -> new Budget(rs.getString(1), rs.getBigDecimal(2), (Integer) rs.getObject(3)))
                .list().forEach(b -> out.put(b.source(), b));
        return out;
    }

    @Transactional
    public void setBudget(TenantId tenant, String source, @Nullable BigDecimal monthlyUsd, @Nullable Integer dailyQuota) {
        jdbc.sql("""
                insert into imagery.budget (tenant_id, source, monthly_usd, daily_quota, updated_at)
                values (:t, :s, :m, :q, :now)
                on conflict (tenant_id, source) do update set monthly_usd = excluded.monthly_usd,
                  daily_quota = excluded.daily_quota, updated_at = excluded.updated_at""")
                .param("t", tenant.value()).param("s", source).param("m", monthlyUsd).param("q", dailyQuota)
                .param("now", Timestamp.from(clock.instant())).update();
    }

    /** Reserves one paid image of a source at its price, or says which budget or quota refuses it. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Reservation reserve(TenantId tenant, String source, String sourceName, Purpose purpose, BigDecimal price,
            @Nullable UUID property) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('imagery-budget:' || :t))").param("t", tenant.toString())
                .query((rs, n) -> 1).list();
        Map<String, Budget> budgets = budgets(tenant);
        Instant now = clock.instant();
        Map<String, BigDecimal> month = spentByScope(tenant, monthStart(now));
        BigDecimal sourceSpent = month.getOrDefault(source, BigDecimal.ZERO);
        BigDecimal overallSpent = month.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        Budget own = budgets.get(source);
        if (own != null && own.monthlyUsd() != null && sourceSpent.add(price).compareTo(own.monthlyUsd()) > 0) {
            return new Reservation(null, "the monthly budget of " + usd(own.monthlyUsd()) + " for " + sourceName
                    + " is used up (" + usd(sourceSpent) + " spent)");
        }
        Budget overall = budgets.get(OVERALL);
        if (overall.monthlyUsd() != null && overallSpent.add(price).compareTo(overall.monthlyUsd()) > 0) {
            return new Reservation(null, "the overall monthly imagery budget of " + usd(overall.monthlyUsd())
                    + " is used up (" + usd(overallSpent) + " spent)");
        }
        Instant dayStart = LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        for (Budget b : List.of(own == null ? new Budget(source, null, null) : own, overall)) {
            if (b.dailyQuota() == null) {
                continue;
            }
            long today = paidCount(tenant, b.source().equals(OVERALL) ? null : source, dayStart);
            if (today >= b.dailyQuota()) {
                return new Reservation(null, "the daily quota of " + b.dailyQuota() + " paid image"
                        + (b.dailyQuota() == 1 ? "" : "s") + (b.source().equals(OVERALL) ? "" : " from " + sourceName)
                        + " is reached");
            }
        }
        UUID id = ids.next();
        insert(tenant, id, source, "reserved", purpose, 1, price, property, "RESERVED", now);
        alerts(tenant, source, sourceName, own, overall, sourceSpent, overallSpent, price, now);
        return new Reservation(id, null);
    }

    /** The reserved call was made: it becomes a billed entry with its product. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void confirm(TenantId tenant, UUID reservation, String product) {
        jdbc.sql("update imagery.ledger set status = 'BILLED', product = :p where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", reservation).param("p", product).update();
    }

    /** The reserved call was not made or not billed: the money goes back to the budget. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void release(TenantId tenant, UUID reservation) {
        jdbc.sql("delete from imagery.ledger where tenant_id = :t and id = :id and status = 'RESERVED'")
                .param("t", tenant.value()).param("id", reservation).update();
    }

    /** A call that needed no reservation (free, or a free part of a paid source such as Street View metadata). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(TenantId tenant, String source, String product, @Nullable Purpose purpose, int units,
            BigDecimal unitPrice, @Nullable UUID property) {
        insert(tenant, ids.next(), source, product, purpose, units, unitPrice, property, "BILLED", clock.instant());
        this.units.computeIfPresent(source, (s, c) -> new long[] {c[0] + units, c[1], c[2]});
    }

    /**
     * Units a source used this month across the installation (Esri's allowance is the installation's): summed from
     * the ledger at most once a minute per node, and counted up in between as this node records calls.
     */
    public long unitsThisMonth(String source) {
        Instant now = clock.instant();
        long[] cached = units.get(source);
        if (cached != null && now.toEpochMilli() - cached[1] < 60_000 && cached[2] == monthStart(now).toEpochMilli()) {
            return cached[0];
        }
        Long n = jdbc.sql("select coalesce(sum(units), 0) from imagery.ledger where source = :s and occurred_at >= :from")
                .param("s", source).param("from", Timestamp.from(monthStart(now))).query(Long.class).single();
        long total = n == null ? 0 : n;
        units.put(source, new long[] {total, now.toEpochMilli(), monthStart(now).toEpochMilli()});
        return total;
    }

    private final java.util.Map<String, long[]> units = new java.util.concurrent.ConcurrentHashMap<>();

    /** Dollars spent (billed and reserved) this month per source. */
    @Transactional(readOnly = true)
    public Map<String, BigDecimal> spentThisMonth(TenantId tenant) {
        return spentByScope(tenant, monthStart(clock.instant()));
    }

    private Map<String, BigDecimal> spentByScope(TenantId tenant, Instant from) {
        return jdbc.sql("""
                select source, sum(cost_usd) from imagery.ledger where tenant_id = :t and occurred_at >= :from
                group by source""")
                .param("t", tenant.value()).param("from", Timestamp.from(from))
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getBigDecimal(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private long paidCount(TenantId tenant, @Nullable String source, Instant from) {
        Long n = jdbc.sql("""
                select count(*) from imagery.ledger where tenant_id = :t and occurred_at >= :from and cost_usd > 0
                  and (cast(:s as text) is null or source = :s)""")
                .param("t", tenant.value()).param("from", Timestamp.from(from)).param("s", source)
                .query(Long.class).single();
        return n == null ? 0 : n;
    }

    private void insert(TenantId tenant, UUID id, String source, String product, @Nullable Purpose purpose, int units,
            BigDecimal unitPrice, @Nullable UUID property, String status, Instant at) {
        jdbc.sql("""
                insert into imagery.ledger (tenant_id, id, source, product, purpose, units, unit_price, cost_usd,
                  property_id, status, occurred_at)
                values (:t, :id, :s, :p, :purpose, :u, :price, :cost, :property, :status, :at)""")
                .param("t", tenant.value()).param("id", id).param("s", source).param("p", product)
                .param("purpose", purpose == null ? null : purpose.name()).param("u", units).param("price", unitPrice)
                .param("cost", unitPrice.multiply(BigDecimal.valueOf(units))).param("property", property)
                .param("status", status).param("at", Timestamp.from(at)).update();
    }

    private void alerts(TenantId tenant, String source, String sourceName, @Nullable Budget own, Budget overall,
            BigDecimal sourceBefore, BigDecimal overallBefore, BigDecimal price, Instant now) {
        String month = YearMonth.from(now.atZone(ZoneOffset.UTC)).toString();
        List<BudgetAlertRaised> raised = new ArrayList<>();
        if (own != null && own.monthlyUsd() != null) {
            crossed(tenant, source, sourceName, month, own.monthlyUsd(), sourceBefore, price, now).forEach(raised::add);
        }
        if (overall.monthlyUsd() != null) {
            crossed(tenant, OVERALL, "all imagery", month, overall.monthlyUsd(), overallBefore, price, now)
                    .forEach(raised::add);
        }
        raised.forEach(events::publishEvent);
    }

    private List<BudgetAlertRaised> crossed(TenantId tenant, String scope, String scopeName, String month,
            BigDecimal budget, BigDecimal before, BigDecimal price, Instant now) {
        List<BudgetAlertRaised> out = new ArrayList<>();
        if (budget.signum() <= 0) {
            return out;
        }
        BigDecimal after = before.add(price);
        for (int t : THRESHOLDS) {
            BigDecimal line = budget.multiply(BigDecimal.valueOf(t)).divide(BigDecimal.valueOf(100), 6, RoundingMode.HALF_UP);
            if (after.compareTo(line) >= 0) {
                int inserted = jdbc.sql("""
                        insert into imagery.budget_alert (tenant_id, scope, month, threshold, spent_usd, budget_usd, raised_at)
                        values (:t, :s, :m, :th, :spent, :budget, :at) on conflict do nothing""")
                        .param("t", tenant.value()).param("s", scope).param("m", month).param("th", t)
                        .param("spent", after).param("budget", budget).param("at", Timestamp.from(now)).update();
                if (inserted == 1) {
                    out.add(new BudgetAlertRaised(tenant, scope, scopeName, month, t, after, budget));
                }
            }
        }
        return out;
    }

    /** The alerts of a company, newest first. */
    @Transactional(readOnly = true)
    public List<BudgetAlertRaised> alerts(TenantId tenant, int limit) {
        return jdbc.sql("""
                select scope, month, threshold, spent_usd, budget_usd from imagery.budget_alert where tenant_id = :t
                order by raised_at desc, threshold desc limit :n""")
                .param("t", tenant.value()).param("n", limit)
                .query((rs, n) -> new BudgetAlertRaised(tenant, rs.getString(1), rs.getString(1), rs.getString(2),
                        rs.getInt(3), rs.getBigDecimal(4), rs.getBigDecimal(5)))
                .list();
    }

    /** A line of the spend page: a source and product's calls, units and dollars in a period. */
    public record SpendLine(String key, String source, String product, long calls, long units, BigDecimal costUsd) {
    }

    /** This month's ledger per source and product. */
    @Transactional(readOnly = true)
    public List<SpendLine> thisMonth(TenantId tenant) {
        return jdbc.sql("""
                select source, product, count(*), sum(units), sum(cost_usd) from imagery.ledger
                where tenant_id = :t and occurred_at >= :from group by source, product order by sum(cost_usd) desc, source""")
                .param("t", tenant.value()).param("from", Timestamp.from(monthStart(clock.instant())))
                .query((rs, n) -> new SpendLine(rs.getString(1), rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getLong(4), rs.getBigDecimal(5)))
                .list();
    }

    /** Dollars per month and source over the last {@code months} months (UTC), oldest first. */
    @Transactional(readOnly = true)
    public List<SpendLine> byMonth(TenantId tenant, int months) {
        Instant from = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)).minusMonths(months - 1L).atDay(1)
                .atStartOfDay(ZoneOffset.UTC).toInstant();
        return jdbc.sql("""
                select to_char(occurred_at at time zone 'UTC', 'YYYY-MM'), source, count(*), sum(units), sum(cost_usd)
                from imagery.ledger where tenant_id = :t and occurred_at >= :from
                group by 1, source order by 1, source""")
                .param("t", tenant.value()).param("from", Timestamp.from(from))
                .query((rs, n) -> new SpendLine(rs.getString(1), rs.getString(2), "", rs.getLong(3), rs.getLong(4),
                        rs.getBigDecimal(5)))
                .list();
    }

    /** The properties that cost most this month: property id as key, dollars and calls. */
    @Transactional(readOnly = true)
    public List<SpendLine> byProperty(TenantId tenant, int limit) {
        return jdbc.sql("""
                select property_id, count(*), sum(units), sum(cost_usd) from imagery.ledger
                where tenant_id = :t and occurred_at >= :from and property_id is not null
                group by property_id order by sum(cost_usd) desc, count(*) desc limit :n""")
                .param("t", tenant.value()).param("from", Timestamp.from(monthStart(clock.instant()))).param("n", limit)
                .query((rs, n) -> new SpendLine(rs.getString(1), "", "", rs.getLong(2), rs.getLong(3), rs.getBigDecimal(4)))
                .list();
    }

    static Instant monthStart(Instant now) {
        return YearMonth.from(now.atZone(ZoneOffset.UTC)).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static String usd(BigDecimal v) {
        return "$" + v.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}

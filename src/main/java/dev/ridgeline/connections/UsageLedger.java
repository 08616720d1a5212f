package dev.ridgeline.connections;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.Permission;
import dev.ridgeline.platform.TenantId;

/**
 * What each tenant's calls to external providers used and cost: one entry per call (or per batch), written by the
 * adapter that made it, summed per month for the owner. Entries are written in their own transaction, so a call
 * that was made is counted even when the work around it rolls back.
 */
@Service
public class UsageLedger {

    /** A month's use of one provider operation. */
    public record MonthlyUsage(String provider, String operation, long calls, long units, BigDecimal costUsd) {
    }

    private final JdbcClient jdbc;
    private final IdGenerator ids;
    private final Clock clock;

    UsageLedger(JdbcClient jdbc, IdGenerator ids, Clock clock) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(TenantId tenant, String provider, String operation, long units, BigDecimal costUsd,
            @Nullable String detail) {
        jdbc.sql("""
                insert into connections.usage_event (tenant_id, id, provider, operation, units, cost_usd, detail, occurred_at)
                values (:t, :id, :p, :o, :u, :c, :d, :at)""")
                .param("t", tenant.value()).param("id", ids.next()).param("p", provider).param("o", operation)
                .param("u", units).param("c", costUsd).param("d", detail).param("at", Timestamp.from(clock.instant()))
                .update();
    }

    /** The month's use per provider and operation (UTC months). */
    @Transactional(readOnly = true)
    public List<MonthlyUsage> month(Actor actor, YearMonth month) {
        actor.require(Permission.CONNECTIONS_MANAGE);
        return month(actor.tenantId(), month);
    }

    @Transactional(readOnly = true)
    public List<MonthlyUsage> month(TenantId tenant, YearMonth month) {
        return jdbc.sql("""
                select provider, operation, count(*), sum(units), sum(cost_usd) from connections.usage_event
                where tenant_id = :t and occurred_at >= :from and occurred_at < :to
                group by provider, operation order by provider, operation""")
                .param("t", tenant.value())
                .param("from", Timestamp.from(month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .param("to", Timestamp.from(month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .query((rs, n) -> new MonthlyUsage(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getBigDecimal(5)))
                .list();
    }

    /** What a provider cost the tenant so far this month (UTC), for budgets. */
    @Transactional(readOnly = true)
    public BigDecimal spentThisMonth(TenantId tenant, String provider) {
        return month(tenant, YearMonth.now(clock.withZone(ZoneOffset.UTC))).stream()
                .filter(u -> u.provider().equals(provider)).map(MonthlyUsage::costUsd)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}

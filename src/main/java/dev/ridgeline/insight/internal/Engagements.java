package dev.ridgeline.insight.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.ridgeline.insight.EngagementKind;
import dev.ridgeline.platform.TenantId;

/**
 * The ledger of homeowners' signs of interest ({@code insight.engagement}): one row per home, kind and day, whatever
 * recorded it (the pipeline, the API, the channels). A home's engagement factor is its strongest fresh one.
 */
@Component
class Engagements {

    /** Engagement older than this gives no points. */
    static final int FRESH_DAYS = 120;

    private final JdbcClient jdbc;
    private final Clock clock;

    Engagements(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records one; answers false when the same kind was already recorded for the home that day. */
    boolean record(TenantId tenant, UUID propertyId, EngagementKind kind, LocalDate on, String source) {
        return jdbc.sql("""
                insert into insight.engagement (tenant_id, property_id, kind, occurred_on, source, recorded_at)
                values (:t, :p, :k, :on, :source, :now) on conflict do nothing""")
                .param("t", tenant.value()).param("p", propertyId).param("k", kind.name()).param("on", on)
                .param("source", source).param("now", Timestamp.from(clock.instant())).update() == 1;
    }

    /** Sets each home's strongest engagement known on {@code asOf} (none older than {@value #FRESH_DAYS} days). */
    void apply(TenantId tenant, List<HomeFeatures> homes, LocalDate asOf) {
        Map<UUID, Object[]> best = new HashMap<>();
        jdbc.sql("""
                select property_id, kind, occurred_on from insight.engagement
                where tenant_id = :t and occurred_on between :from and :asOf""")
                .param("t", tenant.value()).param("from", asOf.minusDays(FRESH_DAYS)).param("asOf", asOf)
                .query((RowCallbackHandler) rs -> {
                    UUID home = rs.getObject(1, UUID.class);
                    EngagementKind kind = EngagementKind.valueOf(rs.getString(2));
                    LocalDate on = rs.getObject(3, LocalDate.class);
                    Object[] seen = best.get(home);
                    if (seen == null || points(kind, on, asOf) > points((EngagementKind) seen[0], (LocalDate) seen[1], asOf)) {
                        best.put(home, new Object[] {kind, on});
                    }
                });
        for (HomeFeatures h : homes) {
            Object[] b = best.get(h.propertyId);
            h.engagement = b == null ? null : (EngagementKind) b[0];
            h.engagedOn = b == null ? null : (LocalDate) b[1];
        }
    }

    private static double points(EngagementKind kind, LocalDate on, LocalDate asOf) {
        return PriorModel.engagementPoints(kind, Math.max(0, ChronoUnit.DAYS.between(on, asOf)));
    }
}

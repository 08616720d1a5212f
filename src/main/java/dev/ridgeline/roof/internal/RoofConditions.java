package dev.ridgeline.roof.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.ridgeline.insight.RoofConditionSource;
import dev.ridgeline.platform.TenantId;

/** The lead score's view of roof analysis: each home's latest urgency, day and main reason. */
@Component
class RoofConditions implements RoofConditionSource {

    private static final String LATEST = """
            select distinct on (property_id) property_id, urgency, analysed_at, result #>> '{urgencyReasons,0}'
            from roof.analysis where tenant_id = :t %s order by property_id, analysed_at desc""";

    private final JdbcClient jdbc;

    RoofConditions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<UUID, RoofCondition> latest(TenantId tenant) {
        Map<UUID, RoofCondition> out = new HashMap<>();
        jdbc.sql(LATEST.formatted("")).param("t", tenant.value()).query((RowCallbackHandler) rs -> out.put(
                rs.getObject(1, UUID.class), condition(rs.getInt(2), rs.getTimestamp(3), rs.getString(4))));
        return out;
    }

    @Override
    public Optional<RoofCondition> latest(TenantId tenant, UUID propertyId) {
        return jdbc.sql(LATEST.formatted("and property_id = :p")).param("t", tenant.value()).param("p", propertyId)
                .query((rs, n) -> condition(rs.getInt(2), rs.getTimestamp(3), rs.getString(4))).optional();
    }

    /** The reason without its points ("+45 a blue tarp on the roof" says "a blue tarp on the roof"). */
    private static RoofCondition condition(int urgency, java.sql.Timestamp at, @Nullable String reason) {
        String words = reason == null ? "" : reason.replaceFirst("^[+-]\\d+ ", "");
        return new RoofCondition(urgency, LocalDate.ofInstant(at.toInstant(), ZoneOffset.UTC), words);
    }
}

package dev.ridgeline.signals.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.ridgeline.platform.TenantId;
import dev.ridgeline.signals.Permit;
import dev.ridgeline.signals.PermitCategory;

@Repository
public class Permits {

    private final JdbcClient jdbc;

    Permits(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Permit> find(TenantId tenant, @Nullable PermitCategory category, @Nullable LocalDate from,
            @Nullable LocalDate to, @Nullable String addressKey, int limit) {
        return jdbc.sql("""
                select * from signals.permit
                where tenant_id = :t
                  and (cast(:category as text) is null or category = cast(:category as text))
                  and (cast(:from as date) is null or coalesce(issued_on, filed_on) >= cast(:from as date))
                  and (cast(:to as date) is null or coalesce(issued_on, filed_on) <= cast(:to as date))
                  and (cast(:key as text) is null or address_key = cast(:key as text))
                order by coalesce(issued_on, filed_on) desc nulls last, id limit :limit""")
                .param("t", tenant.value()).param("category", category == null ? null : category.name())
                .param("from", from).param("to", to).param("key", addressKey).param("limit", limit)
                .query(Permits::map).list();
    }

    /**
     * Streams the tenant's permits (only the roofing ones when asked), oldest first; the caller's transaction keeps
     * the cursor open so a million rows never sit in memory at once.
     */
    public void forEach(TenantId tenant, boolean roofingOnly, Consumer<Permit> each) {
        jdbc.sql("""
                select * from signals.permit
                where tenant_id = :t and (not :roofing or category <> 'NOT_ROOFING')
                order by coalesce(issued_on, filed_on) nulls first, id""")
                .param("t", tenant.value()).param("roofing", roofingOnly)
                .withFetchSize(5_000)
                .query((RowCallbackHandler) rs -> each.accept(map(rs, 0)));
    }

    /** Streams the permits last written by one import. */
    public void forEachOfImport(TenantId tenant, UUID importId, Consumer<Permit> each) {
        jdbc.sql("select * from signals.permit where tenant_id = :t and import_id = :i")
                .param("t", tenant.value()).param("i", importId)
                .withFetchSize(5_000)
                .query((RowCallbackHandler) rs -> each.accept(map(rs, 0)));
    }

    private static Permit map(ResultSet rs, int n) throws SQLException {
        double lat = rs.getDouble("latitude");
        boolean noLat = rs.wasNull();
        double lon = rs.getDouble("longitude");
        return new Permit(rs.getObject("id", UUID.class), rs.getString("source"), rs.getString("permit_number"),
                rs.getString("permit_type"), rs.getString("subtype"), rs.getString("description"),
                rs.getString("address"), rs.getString("city"), rs.getString("state"), rs.getString("postal_code"),
                noLat ? null : lat, noLat ? null : lon, rs.getObject("filed_on", LocalDate.class),
                rs.getObject("issued_on", LocalDate.class), rs.getBigDecimal("valuation"), rs.getString("contractor"),
                PermitCategory.valueOf(rs.getString("category")), rs.getString("category_reason"));
    }
}

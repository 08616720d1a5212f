package dev.ridgeline.signals.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.ridgeline.platform.GeoPoint;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.signals.NearbyStorm;
import dev.ridgeline.signals.StormKind;
import dev.ridgeline.signals.StormReport;

@Repository
public class StormReports {

    private final JdbcClient jdbc;

    StormReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<StormReport> between(TenantId tenant, LocalDate from, LocalDate to, @Nullable StormKind kind, int limit) {
        return jdbc.sql("""
                select * from signals.storm_report
                where tenant_id = :t and report_date between :from and :to
                  and (cast(:kind as text) is null or kind = cast(:kind as text))
                order by occurred_at, id limit :limit""")
                .param("t", tenant.value()).param("from", from).param("to", to)
                .param("kind", kind == null ? null : kind.name()).param("limit", limit)
                .query(StormReports::map).list();
    }

    /**
     * Reports within {@code miles} of a point since a day, nearest first: the ring of resolution-7 cells around the
     * point, then the exact great-circle distance.
     */
    public List<NearbyStorm> near(TenantId tenant, GeoPoint point, double miles, LocalDate since, int limit) {
        Long[] cells = point.cellsWithin(miles, GeoPoint.STORM_RESOLUTION).toArray(Long[]::new);
        return jdbc.sql("""
                select * from (
                  select r.*, 2 * 3958.7613 * asin(least(1, sqrt(power(sin(radians(r.latitude - :lat) / 2), 2)
                      + cos(radians(:lat)) * cos(radians(r.latitude)) * power(sin(radians(r.longitude - :lon) / 2), 2))))
                      as miles
                  from signals.storm_report r
                  where r.tenant_id = :t and r.h3_r7 = any(:cells) and r.report_date >= :since) x
                where miles <= :miles order by miles, occurred_at desc limit :limit""")
                .param("t", tenant.value()).param("cells", cells).param("lat", point.latitude())
                .param("lon", point.longitude()).param("since", since).param("miles", miles).param("limit", limit)
                .query((rs, n) -> new NearbyStorm(map(rs, n), rs.getDouble("miles"))).list();
    }

    public List<dev.ridgeline.signals.HailTile> tiles(TenantId tenant, LocalDate from, LocalDate to, int limit) {
        return jdbc.sql("""
                select day, latitude, longitude, detections from signals.hail_tile
                where tenant_id = :t and day between :from and :to order by day, latitude, longitude limit :limit""")
                .param("t", tenant.value()).param("from", from).param("to", to).param("limit", limit)
                .query((rs, n) -> new dev.ridgeline.signals.HailTile(rs.getObject(1, LocalDate.class), rs.getDouble(2),
                        rs.getDouble(3), rs.getInt(4)))
                .list();
    }

    public List<dev.ridgeline.signals.AreaClaims> claims(TenantId tenant, @Nullable String areaCode, LocalDate from,
            LocalDate to, int limit) {
        return jdbc.sql("""
                select area_type, area_code, period_start, period_end, peril, claims, source from signals.area_claim
                where tenant_id = :t and (cast(:code as text) is null or area_code = cast(:code as text))
                  and period_end >= :from and period_start <= :to
                order by area_code, period_start, peril limit :limit""")
                .param("t", tenant.value()).param("code", areaCode).param("from", from).param("to", to)
                .param("limit", limit)
                .query((rs, n) -> new dev.ridgeline.signals.AreaClaims(rs.getString(1), rs.getString(2),
                        rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class), rs.getString(5), rs.getInt(6),
                        rs.getString(7)))
                .list();
    }

    /** The convective days with reports, newest first, with how many each. */
    public List<Object[]> days(TenantId tenant, int limit) {
        return jdbc.sql("""
                select report_date, count(*) filter (where kind = 'HAIL'), count(*) filter (where kind = 'WIND'),
                  count(*) filter (where kind = 'TORNADO'), max(magnitude) filter (where kind = 'HAIL')
                from signals.storm_report where tenant_id = :t group by report_date order by report_date desc limit :l""")
                .param("t", tenant.value()).param("l", limit)
                .query((rs, n) -> new Object[] {rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getBigDecimal(5)})
                .list();
    }

    private static StormReport map(ResultSet rs, int n) throws SQLException {
        return new StormReport(rs.getObject("id", UUID.class), StormKind.valueOf(rs.getString("kind")),
                rs.getTimestamp("occurred_at").toInstant(), rs.getObject("report_date", LocalDate.class),
                rs.getBigDecimal("magnitude"), rs.getString("magnitude_text"), rs.getString("location"),
                rs.getString("county"), rs.getString("state"), rs.getDouble("latitude"), rs.getDouble("longitude"),
                rs.getString("comments"), rs.getString("wfo"), rs.getString("source"));
    }
}

package dev.ridgeline.insight.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.insight.AreaTiming;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.property.ZipCodes;

/**
 * When to work which area: per ZIP, the latest hail of 1 inch or more over its scored homes, the claim-filing window
 * left (per state, editable; {@value #DEFAULT_WINDOW_DAYS} days where the company set none), and a "work now"
 * ranking.
 */
@Component
public class MarketTiming {

    /** A conservative window where the company has not set its state's: a year from the date of loss. */
    static final int DEFAULT_WINDOW_DAYS = 365;
    static final double HAIL_INCHES = 1.0;
    static final int WORTH_WORKING = 30;

    private final JdbcClient jdbc;
    private final InsightPasses passes;
    private final Clock clock;

    MarketTiming(JdbcClient jdbc, InsightPasses passes, Clock clock) {
        this.jdbc = jdbc;
        this.passes = passes;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Map<String, Integer> windows(TenantId tenant) {
        Map<String, Integer> out = new TreeMap<>();
        jdbc.sql("select state, days from insight.claim_window where tenant_id = :t").param("t", tenant.value())
                .query((rs, n) -> out.put(rs.getString(1), rs.getInt(2))).list();
        return out;
    }

    @Transactional
    public void setWindow(TenantId tenant, String state, @Nullable Integer days) {
        String s = state == null ? "" : state.strip().toUpperCase(java.util.Locale.ROOT);
        if (!s.matches("[A-Z]{2}")) {
            throw InvalidInputException.of("state", "is a two-letter state code, e.g. TX");
        }
        if (days == null) {
            jdbc.sql("delete from insight.claim_window where tenant_id = :t and state = :s").param("t", tenant.value())
                    .param("s", s).update();
            return;
        }
        if (days < 30 || days > 3650) {
            throw InvalidInputException.of("days", "must be 30 to 3650 days");
        }
        jdbc.sql("""
                insert into insight.claim_window (tenant_id, state, days, updated_at) values (:t, :s, :d, :now)
                on conflict (tenant_id, state) do update set days = excluded.days, updated_at = excluded.updated_at""")
                .param("t", tenant.value()).param("s", s).param("d", days)
                .param("now", Timestamp.from(clock.instant())).update();
    }

    /** Every ZIP with hail of 1 inch or more over its homes, best to work first. */
    @Transactional(readOnly = true)
    public List<AreaTiming> ranking(TenantId tenant) {
        LocalDate asOf = passes.asOf(tenant);
        Map<String, Integer> windows = windows(tenant);
        record Row(String zip, LocalDate storm, int hit, int worth, double mean) {
        }
        List<Row> rows = jdbc.sql("""
                with latest as (
                  select left(postal_code, 5) zip, max(hail_on) storm from insight.home_score
                  where tenant_id = :t and postal_code is not null and hail_in >= :hail and not recently_reroofed
                  group by 1)
                select l.zip, l.storm, count(*), count(*) filter (where h.score >= :worth), avg(h.score)
                from latest l join insight.home_score h on h.tenant_id = :t and left(h.postal_code, 5) = l.zip
                  and h.hail_on = l.storm and not h.recently_reroofed
                group by l.zip, l.storm""")
                .param("t", tenant.value()).param("hail", HAIL_INCHES).param("worth", WORTH_WORKING)
                .query((rs, n) -> new Row(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getInt(3),
                        rs.getInt(4), rs.getDouble(5)))
                .list();
        ZipCodes zips = ZipCodes.shipped();
        List<AreaTiming> out = new ArrayList<>();
        for (Row r : rows) {
            String state = zips.zip(r.zip()).map(ZipCodes.Zip::state).orElse(null);
            int window = state == null ? DEFAULT_WINDOW_DAYS : windows.getOrDefault(state, DEFAULT_WINDOW_DAYS);
            long since = ChronoUnit.DAYS.between(r.storm(), asOf);
            LocalDate deadline = r.storm().plusDays(window);
            long left = Math.max(0, ChronoUnit.DAYS.between(asOf, deadline));
            double workNow = r.worth() * (left / (double) window);
            out.add(new AreaTiming(r.zip(), state, r.storm(), since, window, deadline, left, r.hit(), r.worth(),
                    r.mean(), season(asOf), workNow));
        }
        out.sort(Comparator.comparingDouble(AreaTiming::workNow).reversed().thenComparing(AreaTiming::zip));
        return out;
    }

    /** The roofing season of a day in the continental US: spring storms and summer peak, autumn, winter lull. */
    static String season(LocalDate day) {
        return switch (day.getMonth()) {
            case MARCH, APRIL, MAY, JUNE -> "storm season";
            case JULY, AUGUST, SEPTEMBER, OCTOBER -> "peak roofing";
            default -> "winter lull";
        };
    }
}

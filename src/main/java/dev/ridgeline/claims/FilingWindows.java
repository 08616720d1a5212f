package dev.ridgeline.claims;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.Permission;
import dev.ridgeline.platform.TenantId;

/**
 * How long a homeowner has, per state, to file a claim after the date of loss and to recover the withheld
 * depreciation after the carrier's decision. These come from policies and state rules that differ and change, so
 * each company keeps its own table (Settings → Claims); a state not in it gets the conservative default: one year to
 * file (the shortest common policy term for hail and wind) and 180 days to recover depreciation.
 */
@Service
public class FilingWindows {

    public static final int DEFAULT_FILING_DAYS = 365;
    public static final int DEFAULT_DEPRECIATION_DAYS = 180;

    /** A state's windows; {@code state} null for the default. */
    public record Window(@Nullable String state, int filingDays, int depreciationDays, boolean isDefault) {
    }

    private final JdbcClient jdbc;

    FilingWindows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Window window(TenantId tenant, @Nullable String state) {
        if (state == null || state.isBlank()) {
            return new Window(null, DEFAULT_FILING_DAYS, DEFAULT_DEPRECIATION_DAYS, true);
        }
        String s = state.strip().toUpperCase(Locale.ROOT);
        Optional<Window> w = jdbc.sql("select filing_days, depreciation_days from claims.filing_window "
                        + "where tenant_id = :t and state = :s").param("t", tenant.value()).param("s", s)
                .query((rs, n) -> new Window(s, rs.getInt(1), rs.getInt(2), false)).optional();
        return w.orElse(new Window(s, DEFAULT_FILING_DAYS, DEFAULT_DEPRECIATION_DAYS, true));
    }

    public List<Window> list(TenantId tenant) {
        return jdbc.sql("select state, filing_days, depreciation_days from claims.filing_window where tenant_id = :t "
                        + "order by state").param("t", tenant.value())
                .query((rs, n) -> new Window(rs.getString(1), rs.getInt(2), rs.getInt(3), false)).list();
    }

    /** Sets a state's windows; days from 30 to 3,650. */
    public Window set(Actor actor, String state, int filingDays, int depreciationDays) {
        actor.require(Permission.COMPANY_MANAGE);
        String s = state == null ? "" : state.strip().toUpperCase(Locale.ROOT);
        java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
        if (!s.matches("[A-Z]{2}")) {
            errors.put("state", "a state is its two-letter code, not '" + state + "'");
        }
        if (filingDays < 30 || filingDays > 3650) {
            errors.put("filingDays", "days to file must be from 30 to 3,650");
        }
        if (depreciationDays < 30 || depreciationDays > 3650) {
            errors.put("depreciationDays", "days to recover depreciation must be from 30 to 3,650");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        jdbc.sql("""
                insert into claims.filing_window (tenant_id, state, filing_days, depreciation_days) values (:t, :s, :f, :d)
                on conflict (tenant_id, state) do update set filing_days = excluded.filing_days,
                  depreciation_days = excluded.depreciation_days""")
                .param("t", actor.tenantId().value()).param("s", s).param("f", filingDays).param("d", depreciationDays)
                .update();
        return window(actor.tenantId(), s);
    }
}

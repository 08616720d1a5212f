package dev.ridgeline.outreach;

import java.sql.Time;
import java.time.LocalTime;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.outreach.compliance.CallingHours;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.Permission;
import dev.ridgeline.platform.TenantId;

/**
 * A company's own rules for marketing texts and calls, on top of the law: narrower hours (say 9:00 to 19:00 in the
 * recipient's time), and whether an opt-out on one channel stops every marketing channel (on by default, as a
 * person who says stop means the company) or only the one it came on.
 */
@Service
public class TextingRules {

    /** The rules; {@code hours} null means the law's hours only. */
    public record Rules(CallingHours.@Nullable Window hours, boolean optOutAllChannels) {

        public static final Rules DEFAULT = new Rules(null, true);
    }

    private final JdbcClient jdbc;

    public TextingRules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Rules of(TenantId tenant) {
        return jdbc.sql("select opens, closes, opt_out_all_channels from outreach.texting_rules where tenant_id = :t")
                .param("t", tenant.value())
                .query((rs, n) -> {
                    Time opens = rs.getTime(1);
                    Time closes = rs.getTime(2);
                    return new Rules(opens == null ? null
                            : new CallingHours.Window(opens.toLocalTime(), closes.toLocalTime()), rs.getBoolean(3));
                }).optional().orElse(Rules.DEFAULT);
    }

    /** Saves the rules; blank hours mean the law's. Owners and managers only. */
    @Transactional
    public Rules save(Actor actor, @Nullable String opens, @Nullable String closes, boolean optOutAllChannels) {
        actor.require(Permission.CONNECTIONS_MANAGE);
        LocalTime o = time(opens, "opens");
        LocalTime c = time(closes, "closes");
        if ((o == null) != (c == null)) {
            throw InvalidInputException.of(o == null ? "opens" : "closes", "give both times, or neither");
        }
        if (o != null && !o.isBefore(c)) {
            throw InvalidInputException.of("closes", "must be after " + o);
        }
        jdbc.sql("""
                insert into outreach.texting_rules (tenant_id, opens, closes, opt_out_all_channels)
                values (:t, :o, :c, :all)
                on conflict (tenant_id) do update set opens = :o, closes = :c, opt_out_all_channels = :all""")
                .param("t", actor.tenantId().value()).param("o", o == null ? null : Time.valueOf(o))
                .param("c", c == null ? null : Time.valueOf(c)).param("all", optOutAllChannels).update();
        return of(actor.tenantId());
    }

    private static @Nullable LocalTime time(@Nullable String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalTime.parse(text.strip().length() == 4 ? "0" + text.strip() : text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw InvalidInputException.of(field, "'" + text + "' is not a time like 09:00");
        }
    }
}

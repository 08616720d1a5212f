package dev.ridgeline.voice;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.Permission;
import dev.ridgeline.platform.TenantId;

/** What AI calls came to, counted: connect and machine rates, talk time and outcomes, overall, per rep, per script. */
@Service
public class CallFigures {

    private final JdbcClient jdbc;
    private final Clock clock;

    CallFigures(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Call figures over a group of calls (all, one rep's, one script's). */
    public record CallStats(String group, int calls, int connected, int machines, int notAnswered, double talkMinutes,
            int booked, int notInterested, int optedOut, int callBack, int qualified) {

        public double connectRate() {
            return calls == 0 ? 0 : (double) connected / calls;
        }

        public double machineRate() {
            return calls == 0 ? 0 : (double) machines / calls;
        }

        public double bookedRate() {
            return connected == 0 ? 0 : (double) booked / connected;
        }

        public double averageTalkMinutes() {
            return connected == 0 ? 0 : talkMinutes / connected;
        }
    }

    /**
     * AI call figures over the last {@code days}: all calls, then per rep (who asked for the call) and per script (the
     * assistant's name and tone). Connected: a person talked with the assistant; machine: voicemail or fax answered.
     */
    @Transactional(readOnly = true)
    public Map<String, List<CallStats>> analytics(Actor actor, int days) {
        actor.require(Permission.LEADS_VIEW_ALL);
        Instant from = clock.instant().minus(Duration.ofDays(days));
        Map<String, List<CallStats>> out = new LinkedHashMap<>();
        out.put("all", stats(actor.tenantId(), from, "'All calls'"));
        out.put("rep", stats(actor.tenantId(), from, "coalesce(u.name, 'someone')"));
        out.put("script", stats(actor.tenantId(), from, "c.script"));
        return out;
    }

    private List<CallStats> stats(TenantId tenant, Instant from, String group) {
        return jdbc.sql("""
                select %s as g, count(*),
                  count(*) filter (where c.turn > 1),
                  count(*) filter (where c.answered_by like 'machine%%' or c.answered_by = 'fax'),
                  count(*) filter (where c.status in ('busy', 'no-answer', 'failed', 'canceled')),
                  coalesce(sum(extract(epoch from (c.ended_at - c.answered_at)) / 60.0)
                    filter (where c.turn > 1 and c.ended_at is not null and c.answered_at is not null), 0),
                  count(*) filter (where c.outcome->>'result' = 'BOOKED'),
                  count(*) filter (where c.outcome->>'result' = 'NOT_INTERESTED'),
                  count(*) filter (where c.outcome->>'result' = 'OPTED_OUT'),
                  count(*) filter (where c.outcome->>'result' = 'CALL_BACK'),
                  count(*) filter (where (c.outcome->>'qualified')::boolean)
                from voice.call c
                left join identity.app_user u on u.tenant_id = c.tenant_id and u.id = c.requested_by
                where c.tenant_id = :t and c.created_at >= :from and c.kind = 'agent'
                group by 1 order by 2 desc, 1""".formatted(group))
                .param("t", tenant.value()).param("from", Timestamp.from(from))
                .query((rs, n) -> new CallStats(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        rs.getDouble(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11)))
                .list();
    }
}

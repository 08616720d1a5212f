package dev.ridgeline.outreach;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.Permission;
import dev.ridgeline.platform.TenantId;

/**
 * Do-not-call lists, scrubbed at send time for marketing texts and calls: the National Do Not Call Registry numbers
 * of the area codes a company subscribes to (downloaded from telemarketing.donotcall.gov at least every 31 days and
 * imported here), which block unless the person gave express written consent; and the company's own list of people
 * who asked this company not to call or text, which always blocks.
 */
@Service
public class DoNotCall {

    /** What a registry file held. */
    public record Imported(int read, int stored, int invalid, List<String> problems) {
    }

    public enum Source {
        NATIONAL, INTERNAL
    }

    private static final int BATCH = 5_000;

    private final JdbcClient jdbc;
    private final Clock clock;

    public DoNotCall(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The lists a number is on (internal first); empty when it is on none. */
    @Transactional(readOnly = true)
    public List<Source> lists(TenantId tenant, String phone) {
        return jdbc.sql("select source from outreach.do_not_call where tenant_id = :t and phone = :p order by source desc")
                .param("t", tenant.value()).param("p", phone).query(String.class).list().stream()
                .map(Source::valueOf).toList();
    }

    /** {@link #lists} for many numbers in one statement, by number (a number on no list is left out). */
    public java.util.Map<String, List<Source>> listsOf(TenantId tenant, java.util.Collection<String> phones) {
        java.util.Map<String, List<Source>> out = new java.util.HashMap<>();
        if (phones.isEmpty()) {
            return out;
        }
        jdbc.sql("select phone, source from outreach.do_not_call where tenant_id = :t and phone = any(:p) "
                        + "order by phone, source desc")
                .param("t", tenant.value()).param("p", phones.stream().distinct().toArray(String[]::new))
                .query((rs, n) -> out.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>())
                        .add(Source.valueOf(rs.getString(2)))).list();
        return out;
    }

    /**
     * Imports a registry download: one number per line, ten digits in any layout ("615,5550123", "6155550123",
     * "(615) 555-0123"). A line that is no US number is counted and named, the others are kept.
     */
    @Transactional
    public Imported importRegistry(TenantId tenant, Reader file) throws IOException {
        BufferedReader lines = new BufferedReader(file);
        List<String> batch = new ArrayList<>(BATCH);
        List<String> problems = new ArrayList<>();
        int read = 0;
        int stored = 0;
        int invalid = 0;
        int lineNumber = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            read++;
            String e164 = e164(line);
            if (e164 == null) {
                invalid++;
                if (problems.size() < 20) {
                    problems.add("line " + lineNumber + ": '" + (line.length() > 40 ? line.substring(0, 40) : line)
                            + "' is not a 10-digit US number");
                }
                continue;
            }
            batch.add(e164);
            if (batch.size() == BATCH) {
                stored += insert(tenant, batch, Source.NATIONAL, null);
                batch.clear();
            }
        }
        stored += insert(tenant, batch, Source.NATIONAL, null);
        return new Imported(read, stored, invalid, problems);
    }

    /** Adds a number to the company's own list (a person asked not to be called or texted). */
    @Transactional
    public boolean add(Actor actor, String phone, @Nullable String note) {
        actor.require(Permission.OUTBOX_VIEW_ALL);
        String e164 = e164(phone);
        if (e164 == null) {
            throw InvalidInputException.of("phone", "'" + phone + "' is not a US phone number");
        }
        return insert(actor.tenantId(), List.of(e164), Source.INTERNAL, note) == 1;
    }

    @Transactional(readOnly = true)
    public int size(TenantId tenant, Source source) {
        return jdbc.sql("select count(*) from outreach.do_not_call where tenant_id = :t and source = :s")
                .param("t", tenant.value()).param("s", source.name()).query(Integer.class).single();
    }

    private int insert(TenantId tenant, List<String> phones, Source source, @Nullable String note) {
        if (phones.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                insert into outreach.do_not_call (tenant_id, phone, source, note, added_at)
                select :t, p, :s, :n, :now from unnest(cast(:phones as text[])) p
                on conflict do nothing""")
                .param("t", tenant.value()).param("s", source.name()).param("n", note)
                .param("phones", phones.toArray(String[]::new)).param("now", Timestamp.from(clock.instant())).update();
    }

    /** A US number as E.164, or null: ten digits (an 11th leading 1 allowed), area and exchange not starting 0 or 1. */
    static @Nullable String e164(String text) {
        String digits = text.replaceAll("\\D", "");
        if (digits.length() == 11 && digits.startsWith("1")) {
            digits = digits.substring(1);
        }
        if (digits.length() != 10 || digits.charAt(0) < '2' || digits.charAt(3) < '2') {
            return null;
        }
        return "+1" + digits;
    }
}

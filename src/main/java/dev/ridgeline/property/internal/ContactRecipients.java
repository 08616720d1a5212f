package dev.ridgeline.property.internal;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.ridgeline.outreach.compliance.RecipientDirectory;
import dev.ridgeline.property.ZipCodes;
import dev.ridgeline.platform.TenantId;

/**
 * Answers outreach's compliance checks from the property graph: the contact with this phone number, the time zone
 * of their home (else of their mailing ZIP) and of the number's area code, both when they differ, their home's
 * state, and the latest entry of their consent ledger for texts and for calls. A number no contact has gets its
 * area code's zone and no consent.
 */
@Component
class ContactRecipients implements RecipientDirectory {

    private final JdbcClient jdbc;

    ContactRecipients(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Row(@Nullable String zone, @Nullable String state, @Nullable String sms, @Nullable String calls) {
    }

    private static final String SELECT = """
            select distinct on (cp.value) cp.value, coalesce(p.time_zone, c.time_zone), coalesce(p.state, c.mailing_state),
              (select case when s.granted then s.kind else 'REFUSED' end from property.consent s
               where s.tenant_id = c.tenant_id and s.contact_id = c.id and s.channel = 'SMS'
               order by s.given_at desc, s.recorded_at desc limit 1),
              (select case when s.granted then s.kind else 'REFUSED' end from property.consent s
               where s.tenant_id = c.tenant_id and s.contact_id = c.id and s.channel = 'CALL'
               order by s.given_at desc, s.recorded_at desc limit 1)
            from property.contact_point cp
            join property.contact c on c.tenant_id = cp.tenant_id and c.id = cp.contact_id
            left join property.property p on p.tenant_id = c.tenant_id and p.id = c.property_id
            where cp.tenant_id = :t and cp.channel = 'PHONE' and cp.value = any(:phones)
            order by cp.value, c.created_at""";

    @Override
    public Recipient byPhone(TenantId tenant, String e164) {
        return byPhones(tenant, List.of(e164)).get(e164);
    }

    /** Many numbers in one statement: for each, the contact that has had it longest. */
    @Override
    public java.util.Map<String, Recipient> byPhones(TenantId tenant, java.util.Collection<String> e164s) {
        java.util.Map<String, Row> rows = new java.util.HashMap<>();
        if (!e164s.isEmpty()) {
            jdbc.sql(SELECT).param("t", tenant.value()).param("phones", e164s.stream().distinct().toArray(String[]::new))
                    .query((rs, n) -> rows.put(rs.getString(1), new Row(rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5)))).list();
        }
        java.util.Map<String, Recipient> out = new java.util.HashMap<>();
        for (String e164 : e164s) {
            out.put(e164, recipient(e164, Optional.ofNullable(rows.get(e164))));
        }
        return out;
    }

    private static Recipient recipient(String e164, Optional<Row> row) {
        List<ZoneId> zones = new ArrayList<>();
        row.map(Row::zone).filter(z -> !z.isBlank()).ifPresent(z -> zones.add(ZoneId.of(z)));
        ZipCodes.shipped().areaCodeOf(e164).map(ZipCodes.AreaCode::zone)
                .filter(z -> !zones.contains(z)).ifPresent(zones::add);
        if (zones.isEmpty()) {
            zones.add(ZoneId.of("America/New_York"));
            zones.add(ZoneId.of("America/Los_Angeles"));
        }
        return new Recipient(zones, row.map(Row::state).orElse(null), consent(row.map(Row::sms).orElse(null)),
                consent(row.map(Row::calls).orElse(null)));
    }

    private static Consent consent(@Nullable String kind) {
        if (kind == null) {
            return Consent.NONE;
        }
        return switch (kind) {
            case "EXPRESS_WRITTEN" -> Consent.EXPRESS_WRITTEN;
            case "REFUSED", "OPT_OUT" -> Consent.REFUSED;
            default -> Consent.OTHER;
        };
    }
}

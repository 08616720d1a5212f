package dev.ridgeline.property.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongConsumer;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.ridgeline.platform.GeoPoint;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.io.CopyStream;
import dev.ridgeline.platform.io.CsvReader;
import dev.ridgeline.platform.io.TextFiles;
import dev.ridgeline.property.ConsentChannel;
import dev.ridgeline.property.ContactsImported;
import dev.ridgeline.property.ZipCodes;
import dev.ridgeline.signals.ImportKind;
import dev.ridgeline.signals.ImportOptions;
import dev.ridgeline.signals.imports.FileImporter;
import dev.ridgeline.signals.imports.ImportCounts;
import dev.ridgeline.signals.imports.ImportSupport;

/**
 * Imports a contact list: one row is one person at one property. Rows stream into a staging table; properties are
 * found or created through the {@link PropertyGraph}; contacts are merged on (property, name); phones, emails and
 * consents are added, never removed (the consent ledger only grows). A row counts as updated when its contact
 * changed or gained a phone, an email or a consent entry.
 */
@Component
class ContactImporter extends FileImporter {

    private static final List<ConsentChannel> CHANNELS = List.of(ConsentChannel.values());
    private static final String STAGE_COLUMNS;
    private static final int STAGE_WIDTH;

    static {
        StringBuilder c = new StringBuilder("line, err_column, err_reason, address, address_key, unit_key, house_number, "
                + "city, state, postal_code, latitude, longitude, h3_r7, h3_r8, h3_r9, location_source, year_built, "
                + "full_name, name_key, first_name, last_name, role, mailing_address, mailing_city, mailing_state, "
                + "mailing_zip, time_zone, time_zone_source, phones, emails, fictitious");
        for (ConsentChannel ch : CHANNELS) {
            String p = ch.name().toLowerCase(java.util.Locale.ROOT);
            c.append(", ").append(p).append("_granted, ").append(p).append("_kind, ").append(p).append("_source, ")
                    .append(p).append("_at, ").append(p).append("_text, ").append(p).append("_ip");
        }
        STAGE_COLUMNS = c.toString();
        STAGE_WIDTH = STAGE_COLUMNS.split(",").length;
    }

    private final PropertyGraph graph;

    ContactImporter(ImportSupport support, PropertyGraph graph) {
        super(ImportKind.CONTACTS, support);
        this.graph = graph;
    }

    @Override
    protected ImportCounts load(TenantId tenant, UUID importId, Path file, String fileName, TextFiles.Encoding encoding,
            ImportOptions options, LongConsumer progress) throws IOException {
        StringBuilder ddl = new StringBuilder("""
                create temp table stage_contact (line bigint, err_column text, err_reason text, address text,
                  address_key text, unit_key text, house_number text, city text, state text, postal_code text,
                  latitude double precision, longitude double precision, h3_r7 bigint, h3_r8 bigint, h3_r9 bigint,
                  location_source text, year_built int, full_name text, name_key text, first_name text, last_name text,
                  role text, mailing_address text, mailing_city text, mailing_state text, mailing_zip text,
                  time_zone text, time_zone_source text, phones text[], emails text[], fictitious boolean""");
        for (ConsentChannel ch : CHANNELS) {
            String p = ch.name().toLowerCase(java.util.Locale.ROOT);
            ddl.append(", ").append(p).append("_granted boolean, ").append(p).append("_kind text, ").append(p)
                    .append("_source text, ").append(p).append("_at timestamptz, ").append(p).append("_text text, ")
                    .append(p).append("_ip text");
        }
        ddl.append(", property_id uuid, contact_id uuid) on commit drop");
        jdbc.sql(ddl.toString()).update();
        long read = 0;
        Map<String, Long> seen = new HashMap<>();
        try (CsvReader csv = new CsvReader(TextFiles.open(file, encoding));
                CopyStream copy = copyInto("stage_contact", STAGE_COLUMNS)) {
            CsvReader.Result header = csv.next();
            if (!(header instanceof CsvReader.Row headerRow)) {
                throw new FileProblem(header == null ? "the file has no rows" : "the header (line 1) cannot be read: "
                        + ((CsvReader.Malformed) header).reason());
            }
            ContactRowParser parser = new ContactRowParser(headerRow.fields(), ZipCodes.shipped(), clock.instant());
            for (CsvReader.Result r = csv.next(); r != null; r = csv.next()) {
                ContactRowParser.Outcome outcome = parser.parse(r);
                if (outcome instanceof ContactRowParser.Parsed p) {
                    Long first = seen.putIfAbsent(p.addressKey() + '|' + p.unitKey() + '|' + p.zip() + '|' + p.nameKey(),
                            p.line());
                    if (first != null) {
                        outcome = new ContactRowParser.Rejected(p.line(), null, "duplicate of line " + first
                                + " (same person at the same address)");
                    }
                }
                switch (outcome) {
                    case ContactRowParser.Parsed p -> copy.row(row(p));
                    case ContactRowParser.Rejected x -> {
                        Object[] values = new Object[STAGE_WIDTH];
                        values[0] = x.line();
                        values[1] = x.column();
                        values[2] = x.reason();
                        copy.row(values);
                    }
                }
                progress(tenant, importId, ++read, progress);
            }
            copy.finish();
            progress.accept(read);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into the staging table failed: " + e.getMessage(), e);
        }
        return merge(tenant, importId, read);
    }

    private static @Nullable Object[] row(ContactRowParser.Parsed p) {
        GeoPoint at = p.latitude() == null ? null : new GeoPoint(p.latitude(), p.longitude());
        Object[] base = {p.line(), null, null, p.address(), p.addressKey(), p.unitKey(), p.houseNumber(), p.city(),
            p.state(), p.zip(), p.latitude(), p.longitude(), at == null ? null : at.cell(GeoPoint.STORM_RESOLUTION),
            at == null ? null : at.cell(GeoPoint.SEARCH_RESOLUTION), at == null ? null : at.cell(GeoPoint.PROPERTY_RESOLUTION),
            "IMPORT", p.yearBuilt(), p.fullName(), p.nameKey(), p.firstName(), p.lastName(), p.role(), p.mailingAddress(),
            p.mailingCity(), p.mailingState(), p.mailingZip(), p.timeZone(), p.timeZoneSource(), array(p.phones()),
            array(p.emails()), p.fictitious()};
        Object[] out = new Object[base.length + CHANNELS.size() * 6];
        System.arraycopy(base, 0, out, 0, base.length);
        int i = base.length;
        for (ConsentChannel ch : CHANNELS) {
            ContactRowParser.Consent c = p.consents().get(ch);
            if (c != null) {
                out[i] = c.granted();
                out[i + 1] = c.kind().name();
                out[i + 2] = c.source();
                out[i + 3] = c.at();
                out[i + 4] = c.text();
                out[i + 5] = c.ip();
            }
            i += 6;
        }
        return out;
    }

    /** A PostgreSQL array literal; phones and emails are checked, so they hold no quotes, commas or braces. */
    private static String array(List<String> values) {
        return "{" + String.join(",", values) + "}";
    }

    private ImportCounts merge(TenantId tenant, UUID importId, long read) {
        long rejected = recordProblems("stage_contact", tenant, importId);
        var now = Timestamp.from(clock.instant());
        long created = graph.resolve("stage_contact", tenant, clock.instant());
        jdbc.sql("""
                update property.property p set year_built = s.year_built, updated_at = :now
                from (select distinct on (property_id) property_id, year_built from stage_contact
                      where err_reason is null and year_built is not null order by property_id, line) s
                where p.tenant_id = :t and p.id = s.property_id and p.year_built is distinct from s.year_built""")
                .param("t", tenant.value()).param("now", now).update();
        jdbc.sql("create temp table touched (contact_id uuid, inserted boolean) on commit drop").update();
        jdbc.sql("""
                with merged as (
                  insert into property.contact (tenant_id, id, property_id, full_name, name_key, first_name, last_name,
                    role, mailing_address, mailing_city, mailing_state, mailing_zip, time_zone, time_zone_source,
                    fictitious, import_id, created_at, updated_at)
                  select :t, gen_random_uuid(), property_id, full_name, name_key, first_name, last_name, role,
                    mailing_address, mailing_city, mailing_state, mailing_zip, time_zone, time_zone_source,
                    coalesce(fictitious, false), :id, :now, :now
                  from stage_contact where err_reason is null and property_id is not null
                  on conflict (tenant_id, property_id, name_key) do update set full_name = excluded.full_name,
                    first_name = excluded.first_name, last_name = excluded.last_name, role = excluded.role,
                    mailing_address = excluded.mailing_address, mailing_city = excluded.mailing_city,
                    mailing_state = excluded.mailing_state, mailing_zip = excluded.mailing_zip,
                    time_zone = excluded.time_zone, time_zone_source = excluded.time_zone_source,
                    fictitious = excluded.fictitious, import_id = excluded.import_id, updated_at = excluded.updated_at
                  where (contact.full_name, contact.first_name, contact.last_name, contact.role, contact.mailing_address,
                         contact.mailing_city, contact.mailing_state, contact.mailing_zip, contact.time_zone, contact.fictitious)
                    is distinct from (excluded.full_name, excluded.first_name, excluded.last_name, excluded.role,
                         excluded.mailing_address, excluded.mailing_city, excluded.mailing_state, excluded.mailing_zip,
                         excluded.time_zone, excluded.fictitious)
                  returning id, (xmax = 0) as inserted)
                insert into touched select id, inserted from merged""")
                .param("t", tenant.value()).param("id", importId).param("now", now).update();
        jdbc.sql("""
                update stage_contact s set contact_id = c.id from property.contact c
                where s.err_reason is null and c.tenant_id = :t and c.property_id = s.property_id
                  and c.name_key = s.name_key""").param("t", tenant.value()).update();
        jdbc.sql("""
                with added as (
                  insert into property.contact_point (tenant_id, contact_id, channel, value, line_type, created_at)
                  select cast(:t as uuid), s.contact_id, 'PHONE', v, null, cast(:now as timestamptz)
                  from stage_contact s, unnest(s.phones) v where s.contact_id is not null
                  union all
                  select cast(:t as uuid), s.contact_id, 'EMAIL', v, null, cast(:now as timestamptz)
                  from stage_contact s, unnest(s.emails) v
                  where s.contact_id is not null
                  on conflict do nothing returning contact_id)
                insert into touched select distinct contact_id, false from added""")
                .param("t", tenant.value()).param("now", now).update();
        for (ConsentChannel ch : CHANNELS) {
            String p = ch.name().toLowerCase(java.util.Locale.ROOT);
            jdbc.sql("with added as (insert into property.consent (tenant_id, id, contact_id, channel, granted, kind, "
                    + "source, given_at, text_shown, ip, import_id, recorded_at) select :t, gen_random_uuid(), contact_id, '"
                    + ch.name() + "', " + p + "_granted, " + p + "_kind, " + p + "_source, " + p + "_at, " + p + "_text, "
                    + p + "_ip, :id, :now from stage_contact where contact_id is not null and " + p
                    + "_granted is not null on conflict do nothing returning contact_id) "
                    + "insert into touched select distinct contact_id, false from added")
                    .param("t", tenant.value()).param("id", importId).param("now", now).update();
        }
        long[] counts = jdbc.sql("""
                select count(distinct contact_id) filter (where inserted),
                  count(distinct contact_id) filter (where not inserted
                    and contact_id not in (select contact_id from touched where inserted))
                from touched""").query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        long linked = graph.linkByContainment(tenant, clock.instant());
        ImportCounts result = finish(tenant, importId, ImportCounts.of(read, rejected, counts[0], counts[1]));
        if (counts[0] + counts[1] > 0) {
            events.publishEvent(new ContactsImported(tenant, importId, counts[0], counts[1], created, linked));
        }
        return result;
    }
}

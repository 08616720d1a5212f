package dev.ridgeline.property.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.Addresses;
import dev.ridgeline.platform.GeoPoint;
import dev.ridgeline.platform.Phones;
import dev.ridgeline.platform.io.CsvReader;
import dev.ridgeline.property.ConsentChannel;
import dev.ridgeline.property.ConsentKind;
import dev.ridgeline.property.ZipCodes;
import dev.ridgeline.signals.imports.FileImporter.FileProblem;

/**
 * Reads a contact list: columns are found by their names (many spellings; see docs/operators.md), one row is one
 * person at one property. Phones become E.164, emails are checked, each channel's consent needs its source and
 * time, and the contact's time zone comes from the property ZIP, else the first phone's area code. A date-time with
 * no offset is read in that time zone.
 */
final class ContactRowParser {

    sealed interface Outcome permits Parsed, Rejected {
    }

    record Consent(boolean granted, ConsentKind kind, String source, Instant at, @Nullable String text,
            @Nullable String ip) {
    }

    record Parsed(long line, String address, String addressKey, String unitKey, @Nullable String houseNumber,
            @Nullable String city, @Nullable String state, @Nullable String zip, @Nullable Double latitude,
            @Nullable Double longitude, @Nullable Integer yearBuilt, String fullName, String nameKey,
            @Nullable String firstName, @Nullable String lastName, String role, @Nullable String mailingAddress,
            @Nullable String mailingCity, @Nullable String mailingState, @Nullable String mailingZip,
            @Nullable String timeZone, @Nullable String timeZoneSource, List<String> phones, List<String> emails,
            Map<ConsentChannel, Consent> consents, boolean fictitious) implements Outcome {
    }

    record Rejected(long line, @Nullable String column, String reason) implements Outcome {
    }

    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.[A-Za-z]{2,63}$");
    private static final Pattern ZIP = Pattern.compile("^(\\d{5})(?:-?\\d{4})?$");
    private static final Pattern PHONE_COLUMN = Pattern.compile("^(phone|mobile|cell|cell_phone|mobile_phone|home_phone|"
            + "work_phone|landline|telephone|tel)(_?\\d+)?$");
    private static final Pattern EMAIL_COLUMN = Pattern.compile("^e_?mail(_?address)?(_?\\d+)?$");
    private static final Set<String> YES = Set.of("yes", "y", "true", "t", "1", "granted", "opted_in", "opt_in", "x");
    private static final Set<String> NO = Set.of("no", "n", "false", "f", "0", "revoked", "opted_out", "opt_out", "stop",
            "withdrawn");
    private static final DateTimeFormatter US_DATE_TIME = DateTimeFormatter.ofPattern("M/d/uuuu[ H:mm[:ss]]");

    private final Map<String, Integer> index = new HashMap<>();
    private final int name;
    private final int first;
    private final int last;
    private final int address;
    private final int unit;
    private final int city;
    private final int state;
    private final int zip;
    private final int lat;
    private final int lon;
    private final int yearBuilt;
    private final int role;
    private final int mailingAddress;
    private final int mailingCity;
    private final int mailingState;
    private final int mailingZip;
    private final int fictitious;
    private final List<Integer> phoneColumns = new ArrayList<>();
    private final List<Integer> emailColumns = new ArrayList<>();
    private final Map<ConsentChannel, int[]> consentColumns = new EnumMap<>(ConsentChannel.class);
    private final List<String> header;
    private final ZipCodes zips;
    private final Instant now;

    ContactRowParser(List<String> header, ZipCodes zips, Instant now) {
        this.header = header;
        this.zips = zips;
        this.now = now;
        for (int i = 0; i < header.size(); i++) {
            String k = key(header.get(i));
            index.putIfAbsent(k, i);
            if (PHONE_COLUMN.matcher(k).matches()) {
                phoneColumns.add(i);
            } else if (EMAIL_COLUMN.matcher(k).matches()) {
                emailColumns.add(i);
            }
        }
        name = find("owner_name", "name", "full_name", "owner", "contact_name", "owner_full_name");
        first = find("first_name", "firstname", "owner_first_name", "given_name");
        last = find("last_name", "lastname", "owner_last_name", "surname", "family_name");
        address = find("property_address", "address", "site_address", "street_address", "situs_address", "street",
                "address_line_1", "address1");
        unit = find("unit", "apt", "property_unit", "apartment", "address_line_2", "address2");
        city = find("property_city", "city", "site_city", "situs_city");
        state = find("property_state", "state", "site_state", "situs_state");
        zip = find("property_zip", "zip", "zip_code", "zipcode", "postal_code", "postcode", "site_zip", "situs_zip");
        lat = find("latitude", "lat", "property_latitude");
        lon = find("longitude", "lon", "lng", "long", "property_longitude");
        yearBuilt = find("year_built", "yearbuilt", "built");
        role = find("role", "relationship", "contact_role");
        mailingAddress = find("mailing_address", "mail_address", "owner_address", "mailing_street");
        mailingCity = find("mailing_city", "mail_city", "owner_city");
        mailingState = find("mailing_state", "mail_state", "owner_state");
        mailingZip = find("mailing_zip", "mail_zip", "owner_zip", "mailing_zip_code");
        fictitious = find("fictitious", "demo", "test_record");
        for (ConsentChannel c : ConsentChannel.values()) {
            String[] prefixes = switch (c) {
                case SMS -> new String[] {"sms", "text", "texting"};
                case CALL -> new String[] {"call", "calls", "phone_call", "voice"};
                case EMAIL -> new String[] {"email", "e_mail"};
            };
            int[] cols = new int[6];
            java.util.Arrays.fill(cols, -1);
            for (String p : prefixes) {
                cols[0] = cols[0] >= 0 ? cols[0] : find(p + "_consent", p + "_opt_in", p + "_optin");
                cols[1] = cols[1] >= 0 ? cols[1] : find(p + "_consent_source", p + "_source");
                cols[2] = cols[2] >= 0 ? cols[2] : find(p + "_consent_at", p + "_consent_date", p + "_consent_time",
                        p + "_consent_timestamp", p + "_consented_at");
                cols[3] = cols[3] >= 0 ? cols[3] : find(p + "_consent_text", p + "_consent_language");
                cols[4] = cols[4] >= 0 ? cols[4] : find(p + "_consent_ip", p + "_ip");
                cols[5] = cols[5] >= 0 ? cols[5] : find(p + "_consent_kind", p + "_consent_type");
            }
            if (cols[0] >= 0) {
                consentColumns.put(c, cols);
            }
        }
        List<String> missing = new ArrayList<>();
        if (address < 0) {
            missing.add("a property address column (address, property_address, site_address)");
        }
        if (name < 0 && first < 0 && last < 0) {
            missing.add("a name column (owner_name, name, or first_name and last_name)");
        }
        if (!missing.isEmpty()) {
            throw new FileProblem("the header (line 1) lacks " + String.join(" and ", missing));
        }
    }

    Outcome parse(CsvReader.Result result) {
        if (result instanceof CsvReader.Malformed m) {
            return new Rejected(m.line(), null, m.reason());
        }
        CsvReader.Row row = (CsvReader.Row) result;
        long line = row.line();
        if (row.fields().size() != header.size()) {
            return new Rejected(line, null, "has " + row.fields().size() + " fields, the header has " + header.size());
        }
        String rawAddress = get(row, address);
        if (rawAddress == null) {
            return new Rejected(line, header.get(address), "is empty");
        }
        String u = get(row, unit);
        Addresses.Street street = Addresses.street(u == null ? rawAddress : rawAddress + " UNIT " + u);
        if (street.line().isEmpty() || street.line().chars().noneMatch(Character::isLetter)) {
            return new Rejected(line, header.get(address), "'" + rawAddress + "' is not a street address");
        }
        String f = get(row, first);
        String l = get(row, last);
        String full = get(row, name);
        if (full == null) {
            full = f == null ? l : l == null ? f : f + " " + l;
        }
        if (full == null) {
            return new Rejected(line, header.get(name >= 0 ? name : first >= 0 ? first : last), "the name is empty");
        }
        String nameKey = full.toUpperCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
        String zipCode = null;
        String rawZip = get(row, zip);
        if (rawZip != null) {
            var m = ZIP.matcher(rawZip);
            if (!m.matches()) {
                return new Rejected(line, header.get(zip), "'" + rawZip + "' is not a ZIP code (5 digits, or ZIP+4)");
            }
            zipCode = m.group(1);
        }
        if (zipCode == null) {
            zipCode = Addresses.zip(rawAddress);
        }
        Double latitude = null;
        Double longitude = null;
        String rawLat = get(row, lat);
        String rawLon = get(row, lon);
        if (rawLat != null || rawLon != null) {
            if (rawLat == null || rawLon == null) {
                return new Rejected(line, header.get(rawLat == null ? lat >= 0 ? lat : lon : lon >= 0 ? lon : lat),
                        "latitude and longitude go together; one is missing");
            }
            try {
                latitude = Double.parseDouble(rawLat);
                longitude = Double.parseDouble(rawLon);
                new GeoPoint(latitude, longitude);
            } catch (IllegalArgumentException e) {
                return new Rejected(line, header.get(lat), "'" + rawLat + ", " + rawLon + "' is not a place on Earth");
            }
            if (latitude == 0 && longitude == 0) {
                return new Rejected(line, header.get(lat), "0, 0 is not a US address (a missing location written as zeros?)");
            }
        }
        Integer built = null;
        String rawBuilt = get(row, yearBuilt);
        if (rawBuilt != null) {
            try {
                built = Integer.valueOf(rawBuilt.replaceAll("\\.0+$", ""));
            } catch (NumberFormatException e) {
                return new Rejected(line, header.get(yearBuilt), "'" + rawBuilt + "' is not a year");
            }
            if (built < 1700 || built > Year.now(ZoneOffset.UTC).getValue() + 1) {
                return new Rejected(line, header.get(yearBuilt), built + " is not a plausible year built");
            }
        }
        Set<String> phones = new LinkedHashSet<>();
        for (int c : phoneColumns) {
            String v = get(row, c);
            if (v == null) {
                continue;
            }
            for (String part : v.split("[;|/]")) {
                if (part.isBlank()) {
                    continue;
                }
                var e164 = Phones.parse(part);
                if (e164.isEmpty()) {
                    return new Rejected(line, header.get(c), "'" + part.trim() + "' is not a valid phone number");
                }
                phones.add(e164.get());
            }
        }
        Set<String> emails = new LinkedHashSet<>();
        for (int c : emailColumns) {
            String v = get(row, c);
            if (v == null) {
                continue;
            }
            for (String part : v.split("[;|,\\s]+")) {
                if (part.isBlank()) {
                    continue;
                }
                if (!EMAIL.matcher(part).matches()) {
                    return new Rejected(line, header.get(c), "'" + part + "' is not an email address");
                }
                int at = part.lastIndexOf('@');
                emails.add(part.substring(0, at) + part.substring(at).toLowerCase(Locale.ROOT));
            }
        }
        ZoneId zone = zips.zoneOfZip(zipCode).orElse(null);
        String zoneSource = zone == null ? null : "ZIP";
        if (zone == null && !phones.isEmpty()) {
            var area = zips.areaCodeOf(phones.iterator().next());
            if (area.isPresent()) {
                zone = area.get().zone();
                zoneSource = "AREA_CODE";
            }
        }
        Map<ConsentChannel, Consent> consents = new EnumMap<>(ConsentChannel.class);
        for (var e : consentColumns.entrySet()) {
            Object c = consent(row, e.getKey(), e.getValue(), zone == null ? ZoneOffset.UTC : zone);
            if (c instanceof Rejected r) {
                return r;
            }
            if (c instanceof Consent given) {
                if (e.getKey() != ConsentChannel.EMAIL && phones.isEmpty()) {
                    return new Rejected(line, header.get(e.getValue()[0]), "consent to " + e.getKey().name().toLowerCase(Locale.ROOT)
                            + " is given but the row has no phone number");
                }
                if (e.getKey() == ConsentChannel.EMAIL && emails.isEmpty()) {
                    return new Rejected(line, header.get(e.getValue()[0]), "consent to email is given but the row has no email address");
                }
                consents.put(e.getKey(), given);
            }
        }
        String roleName = get(row, role);
        String r = roleName == null ? "OWNER" : roleName.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]+", "_");
        if (!Set.of("OWNER", "CO_OWNER", "TENANT", "PROPERTY_MANAGER", "OTHER").contains(r)) {
            return new Rejected(line, header.get(role), "'" + roleName + "' is not a role (owner, co-owner, tenant, "
                    + "property manager, other)");
        }
        String mz = get(row, mailingZip);
        return new Parsed(line, rawAddress, street.line(), street.unit() == null ? "" : street.unit(),
                FootprintParser.houseNumber(street.line()), get(row, city), upper(get(row, state)), zipCode, latitude,
                longitude, built, full, nameKey, f, l, r, get(row, mailingAddress), get(row, mailingCity),
                upper(get(row, mailingState)), mz, zone == null ? null : zone.getId(), zoneSource, List.copyOf(phones),
                List.copyOf(emails), consents, get(row, fictitious) != null
                        && YES.contains(get(row, fictitious).toLowerCase(Locale.ROOT)));
    }

    /** A consent, null when the row says nothing, or a Rejected. */
    private @Nullable Object consent(CsvReader.Row row, ConsentChannel channel, int[] cols, ZoneId zone) {
        long line = row.line();
        String value = get(row, cols[0]);
        if (value == null) {
            return null;
        }
        String v = value.toLowerCase(Locale.ROOT).trim().replaceAll("[\\s-]+", "_");
        String kindValue = get(row, cols[5]);
        ConsentKind kind;
        boolean granted;
        if (NO.contains(v)) {
            granted = false;
            kind = ConsentKind.OPT_OUT;
        } else if (YES.contains(v)) {
            granted = true;
            kind = kindValue == null ? ConsentKind.IMPORTED_WITH_PROOF : null;
        } else if (v.equals("express_written") || v.equals("written")) {
            granted = true;
            kind = ConsentKind.EXPRESS_WRITTEN;
        } else if (v.equals("verbal")) {
            granted = true;
            kind = ConsentKind.VERBAL;
        } else {
            return new Rejected(line, header.get(cols[0]), "'" + value + "' is not a consent answer (yes, no, "
                    + "express written, verbal)");
        }
        if (kind == null) {
            String k = kindValue.toUpperCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
            kind = switch (k) {
                case "EXPRESS_WRITTEN", "WRITTEN" -> ConsentKind.EXPRESS_WRITTEN;
                case "VERBAL" -> ConsentKind.VERBAL;
                case "IMPORTED", "IMPORTED_WITH_PROOF" -> ConsentKind.IMPORTED_WITH_PROOF;
                default -> null;
            };
            if (kind == null) {
                return new Rejected(line, header.get(cols[5]), "'" + kindValue + "' is not a kind of consent "
                        + "(express written, verbal, imported with proof)");
            }
        }
        String source = get(row, cols[1]);
        if (source == null) {
            return new Rejected(line, cols[1] >= 0 ? header.get(cols[1]) : header.get(cols[0]),
                    channel.name().toLowerCase(Locale.ROOT) + " consent needs its source (where and how it was given)");
        }
        String at = get(row, cols[2]);
        if (at == null) {
            return new Rejected(line, cols[2] >= 0 ? header.get(cols[2]) : header.get(cols[0]),
                    channel.name().toLowerCase(Locale.ROOT) + " consent needs the date and time it was given");
        }
        Instant when = instant(at, zone);
        if (when == null) {
            return new Rejected(line, header.get(cols[2]), "'" + at + "' is not a date and time (2026-04-02T14:30:00Z, "
                    + "2026-04-02 14:30 or 4/2/2026)");
        }
        if (when.isAfter(now.plusSeconds(86_400))) {
            return new Rejected(line, header.get(cols[2]), at + " is in the future");
        }
        return new Consent(granted, kind, source, when, get(row, cols[3]), get(row, cols[4]));
    }

    static @Nullable Instant instant(String s, ZoneId zone) {
        String t = s.trim();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ignored) {
            // not with an offset
        }
        try {
            return LocalDateTime.parse(t.replace(' ', 'T')).atZone(zone).toInstant();
        } catch (DateTimeParseException ignored) {
            // not a local date-time
        }
        try {
            return LocalDate.parse(t).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException ignored) {
            // not an ISO date
        }
        try {
            var parsed = US_DATE_TIME.parseBest(t, LocalDateTime::from, LocalDate::from);
            return parsed instanceof LocalDateTime ldt ? ldt.atZone(zone).toInstant()
                    : ((LocalDate) parsed).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }

    private int find(String... names) {
        for (String n : names) {
            Integer i = index.get(n);
            if (i != null) {
                return i;
            }
        }
        return -1;
    }

    private static @Nullable String get(CsvReader.Row row, int column) {
        if (column < 0 || column >= row.fields().size()) {
            return null;
        }
        String v = row.fields().get(column).trim();
        return v.isEmpty() ? null : v;
    }

    private static @Nullable String upper(@Nullable String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    static String key(String column) {
        return column.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }
}

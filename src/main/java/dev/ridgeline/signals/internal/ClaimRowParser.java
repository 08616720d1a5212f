package dev.ridgeline.signals.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.io.CsvReader;
import dev.ridgeline.signals.imports.FileImporter.FileProblem;

/**
 * Reads area insurance-claim counts: one row per area (a 5-digit ZIP or an 11-digit census tract GEOID), period
 * (a day, a month YYYY-MM, or a start and end date) and optionally a peril, with the number of claims.
 */
final class ClaimRowParser {

    sealed interface Outcome permits Claim, Rejected {
    }

    record Claim(long line, String areaType, String areaCode, LocalDate start, LocalDate end, String peril, int claims,
            @Nullable String source) implements Outcome {
    }

    record Rejected(long line, @Nullable String column, String reason) implements Outcome {
    }

    private final List<String> header;
    private final int zip;
    private final int tract;
    private final int date;
    private final int month;
    private final int start;
    private final int end;
    private final int count;
    private final int peril;
    private final int source;
    private final LocalDate latest;

    ClaimRowParser(List<String> header, LocalDate today) {
        this.header = header;
        this.latest = today.plusDays(1);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i).trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_"), i);
        }
        zip = find(index, "zip", "zip_code", "zipcode", "postal_code");
        tract = find(index, "tract", "census_tract", "geoid", "tract_geoid", "tract_fips");
        date = find(index, "date", "loss_date", "date_of_loss", "day");
        month = find(index, "month", "period");
        start = find(index, "period_start", "start_date", "from", "start");
        end = find(index, "period_end", "end_date", "to", "end");
        count = find(index, "claims", "claim_count", "claims_count", "count", "number_of_claims");
        peril = find(index, "peril", "cause", "cause_of_loss");
        source = find(index, "source", "data_source");
        if ((zip < 0) == (tract < 0)) {
            throw new FileProblem(zip < 0 ? "the header (line 1) has no area column: zip or tract"
                    : "the header (line 1) has both zip and tract columns; one file holds one kind of area");
        }
        if (date < 0 && month < 0 && (start < 0 || end < 0)) {
            throw new FileProblem("the header (line 1) has no period: date, month, or period_start and period_end");
        }
        if (count < 0) {
            throw new FileProblem("the header (line 1) has no claims column (claims, claim_count or count)");
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
        String areaType = zip >= 0 ? "ZIP" : "TRACT";
        String code = get(row, zip >= 0 ? zip : tract);
        if (zip >= 0 && !code.matches("\\d{5}")) {
            return new Rejected(line, header.get(zip), "'" + code + "' is not a 5-digit ZIP code");
        }
        if (tract >= 0 && !code.matches("\\d{11}")) {
            return new Rejected(line, header.get(tract), "'" + code + "' is not an 11-digit census tract GEOID");
        }
        LocalDate from;
        LocalDate to;
        int column = date >= 0 ? date : month >= 0 ? month : start;
        try {
            if (date >= 0) {
                from = LocalDate.parse(get(row, date));
                to = from;
            } else if (month >= 0) {
                YearMonth ym = YearMonth.parse(get(row, month));
                from = ym.atDay(1);
                to = ym.atEndOfMonth();
            } else {
                from = LocalDate.parse(get(row, start));
                column = end;
                to = LocalDate.parse(get(row, end));
            }
        } catch (DateTimeParseException e) {
            return new Rejected(line, header.get(column), "'" + get(row, column) + "' is not a "
                    + (column == month ? "month (YYYY-MM)" : "date (YYYY-MM-DD)"));
        }
        if (to.isBefore(from)) {
            return new Rejected(line, header.get(end), "the period ends before it starts");
        }
        if (from.isAfter(latest) || from.getYear() < 1950) {
            return new Rejected(line, header.get(column), from + " is not a plausible date of claims");
        }
        int claims;
        try {
            claims = Integer.parseInt(get(row, count).replace(",", ""));
        } catch (NumberFormatException e) {
            return new Rejected(line, header.get(count), "'" + get(row, count) + "' is not a whole number of claims");
        }
        if (claims < 0) {
            return new Rejected(line, header.get(count), "a count of claims cannot be negative");
        }
        String p = peril >= 0 ? get(row, peril) : "";
        String s = source >= 0 ? get(row, source) : "";
        return new Claim(line, areaType, code, from, to, p.isEmpty() ? "ALL" : p.toUpperCase(Locale.ROOT), claims,
                s.isEmpty() ? null : s);
    }

    private static int find(Map<String, Integer> index, String... names) {
        for (String n : names) {
            Integer i = index.get(n);
            if (i != null) {
                return i;
            }
        }
        return -1;
    }

    private static String get(CsvReader.Row row, int column) {
        return column < 0 ? "" : row.fields().get(column).trim();
    }
}

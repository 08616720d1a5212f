package dev.ridgeline.insight;

import java.util.List;

import dev.ridgeline.platform.io.CsvLines;

/** The lead-score export, one home a line: what {@code GET /api/v1/insight/homes.csv} and the command line write. */
public final class ScoreCsv {

    public static final String HEADER = CsvLines.line(List.of("property_id", "address", "city", "zip", "latitude",
            "longitude", "score", "excluded", "roof_age_years", "roof_age_source", "explanation", "as_of", "model"));

    private ScoreCsv() {
    }

    /** A home's line; text a spreadsheet would run as a formula is defused. */
    public static String line(HomeScore s) {
        StringBuilder b = new StringBuilder(320);
        append(b, s);
        return b.toString();
    }

    /**
     * Appends a home's line to {@code b}: the same text as {@link CsvLines#line} of its values, written straight into
     * the buffer (a million-line export spends most of its time here).
     */
    public static void append(StringBuilder b, HomeScore s) {
        quoted(b, s.propertyId().toString()).append(',');
        quoted(b, CsvLines.forSpreadsheets(s.address())).append(',');
        quoted(b, CsvLines.forSpreadsheets(s.city())).append(',');
        quoted(b, s.postalCode()).append(',');
        b.append('"').append(s.latitude()).append("\",\"").append(s.longitude()).append("\",\"").append(s.score())
                .append("\",\"").append(s.excluded() != null).append("\",");
        if (s.roofAgeYears() != null) {
            b.append('"').append(s.roofAgeYears().intValue()).append('"');
        }
        b.append(',');
        quoted(b, s.roofAgeSource().label()).append(',');
        quoted(b, CsvLines.forSpreadsheets(s.explanation())).append(',');
        quoted(b, s.asOf().toString()).append(',');
        quoted(b, s.model()).append('\n');
    }

    /** A text in quotes with its quotes doubled; nothing for null. */
    private static StringBuilder quoted(StringBuilder b, @org.jspecify.annotations.Nullable String text) {
        if (text == null) {
            return b;
        }
        b.append('"');
        int from = 0;
        for (int i = text.indexOf('"'); i >= 0; i = text.indexOf('"', from)) {
            b.append(text, from, i + 1).append('"');
            from = i + 1;
        }
        return b.append(text, from, text.length()).append('"');
    }
}

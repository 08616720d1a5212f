package dev.ridgeline.insight;

import java.util.Arrays;
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
        return CsvLines.line(Arrays.asList(s.propertyId(), CsvLines.forSpreadsheets(s.address()),
                CsvLines.forSpreadsheets(s.city()), s.postalCode(), s.latitude(), s.longitude(), s.score(),
                s.excluded() != null, s.roofAgeYears(), s.roofAgeSource().label(),
                CsvLines.forSpreadsheets(s.explanation()), s.asOf(), s.model()));
    }
}

package dev.ridgeline.signals.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.GeoPoint;
import dev.ridgeline.platform.io.CsvReader;
import dev.ridgeline.signals.StormKind;

/**
 * Reads NOAA SPC daily storm-report CSVs: the single-kind files ({@code YYMMDD_rpts_hail.csv}, {@code _wind},
 * {@code _torn}) and the combined file whose three sections each start with their own header. Hail sizes are in
 * hundredths of an inch; times are HHMM UTC within the convective day, which runs 12Z to 11:59Z, so 0000-1159
 * belong to the next calendar date.
 */
final class SpcStormParser {

    /** One parsed input row. */
    sealed interface Outcome permits Storm, Rejected, Skipped {
    }

    record Storm(long line, StormKind kind, Instant occurredAt, LocalDate reportDate, @Nullable BigDecimal magnitude,
            String magnitudeText, String location, String county, String state, double latitude, double longitude,
            long h3r7, String comments, @Nullable String wfo) implements Outcome {
    }

    record Rejected(long line, @Nullable String column, String reason) implements Outcome {
    }

    /** A header or other row that is not data. */
    record Skipped() implements Outcome {
    }

    private static final Pattern FILE_DATE = Pattern.compile("(\\d{2})(\\d{2})(\\d{2})_rpts");
    private static final Pattern WFO = Pattern.compile("\\(([A-Z]{3})\\)\\s*$");
    private static final Pattern STATE = Pattern.compile("[A-Z]{2}");

    private final LocalDate reportDate;
    private @Nullable StormKind section;
    private boolean sawHeader;

    SpcStormParser(LocalDate reportDate) {
        this.reportDate = reportDate;
    }

    /** The convective day in an SPC file name such as {@code 240426_rpts_hail.csv}. */
    static Optional<LocalDate> dateFromFileName(String fileName) {
        Matcher m = FILE_DATE.matcher(fileName);
        if (!m.find()) {
            return Optional.empty();
        }
        int yy = Integer.parseInt(m.group(1));
        try {
            return Optional.of(LocalDate.of(yy >= 50 ? 1900 + yy : 2000 + yy, Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    boolean sawHeader() {
        return sawHeader;
    }

    Outcome parse(CsvReader.Result result) {
        if (result instanceof CsvReader.Malformed m) {
            return new Rejected(m.line(), null, m.reason());
        }
        CsvReader.Row row = (CsvReader.Row) result;
        String first = row.field(0).trim();
        if (first.equalsIgnoreCase("Time")) {
            return header(row);
        }
        if (section == null) {
            return new Rejected(row.line(), null,
                    "no section header above this row; expected Time,Size|Speed|F_Scale,Location,County,State,Lat,Lon,Comments");
        }
        if (row.fields().size() < 7) {
            return new Rejected(row.line(), null, "has " + row.fields().size() + " fields; an SPC row has at least 7"
                    + " (Time,Size|Speed|F_Scale,Location,County,State,Lat,Lon,Comments)");
        }
        return data(row, section);
    }

    private Outcome header(CsvReader.Row row) {
        String second = row.field(1).trim().toUpperCase(Locale.ROOT);
        section = switch (second) {
            case "SIZE" -> StormKind.HAIL;
            case "SPEED" -> StormKind.WIND;
            case "F_SCALE" -> StormKind.TORNADO;
            default -> null;
        };
        if (section == null) {
            return new Rejected(row.line(), row.field(1), "unknown section header '" + row.field(1)
                    + "'; expected Size (hail), Speed (wind) or F_Scale (tornado)");
        }
        sawHeader = true;
        return new Skipped();
    }

    private Outcome data(CsvReader.Row row, StormKind kind) {
        long line = row.line();
        String timeText = row.field(0).trim();
        if (!timeText.matches("\\d{1,4}")) {
            return new Rejected(line, "Time", "'" + timeText + "' is not a time in HHMM (UTC)");
        }
        int hhmm = Integer.parseInt(timeText);
        int hour = hhmm / 100;
        int minute = hhmm % 100;
        if (hour > 23 || minute > 59) {
            return new Rejected(line, "Time", "'" + timeText + "' is not a time of day (HHMM, 0000-2359)");
        }
        LocalDate day = hour < 12 ? reportDate.plusDays(1) : reportDate;
        Instant occurredAt = day.atTime(LocalTime.of(hour, minute)).toInstant(ZoneOffset.UTC);

        String magnitudeText = row.field(1).trim();
        BigDecimal magnitude;
        switch (kind) {
            case HAIL -> {
                if (!magnitudeText.matches("\\d{1,4}")) {
                    return new Rejected(line, "Size", "'" + magnitudeText + "' is not a hail size in hundredths of an inch");
                }
                int hundredths = Integer.parseInt(magnitudeText);
                if (hundredths == 0 || hundredths > 800) {
                    return new Rejected(line, "Size", "hail size " + hundredths + " (" + hundredths / 100.0
                            + " in) is impossible; the largest US hailstone was 8 in");
                }
                magnitude = BigDecimal.valueOf(hundredths, 2);
            }
            case WIND -> {
                if (magnitudeText.equalsIgnoreCase("UNK") || magnitudeText.isEmpty()) {
                    magnitude = null;
                    magnitudeText = "UNK";
                } else if (magnitudeText.matches("\\d{1,3}") && Integer.parseInt(magnitudeText) > 0
                        && Integer.parseInt(magnitudeText) <= 250) {
                    magnitude = new BigDecimal(magnitudeText);
                } else {
                    return new Rejected(line, "Speed", "'" + magnitudeText + "' is not a wind speed (knots, or UNK)");
                }
            }
            case TORNADO -> {
                if (magnitudeText.isEmpty()) {
                    magnitudeText = "UNK";
                } else if (!magnitudeText.matches("(?i)UNK|E?F[0-5]")) {
                    return new Rejected(line, "F_Scale", "'" + magnitudeText + "' is not a rating (UNK, EF0-EF5)");
                }
                magnitudeText = magnitudeText.toUpperCase(Locale.ROOT);
                magnitude = null;
            }
            default -> throw new IllegalStateException();
        }

        String state = row.field(4).trim().toUpperCase(Locale.ROOT);
        if (!STATE.matcher(state).matches()) {
            return new Rejected(line, "State", "'" + row.field(4).trim() + "' is not a two-letter state code");
        }
        double lat;
        double lon;
        try {
            lat = Double.parseDouble(row.field(5).trim());
        } catch (NumberFormatException e) {
            return new Rejected(line, "Lat", "'" + row.field(5).trim() + "' is not a latitude");
        }
        try {
            lon = Double.parseDouble(row.field(6).trim());
        } catch (NumberFormatException e) {
            return new Rejected(line, "Lon", "'" + row.field(6).trim() + "' is not a longitude");
        }
        if (lat == 0 && lon == 0) {
            return new Rejected(line, "Lat", "0,0 is not a place in the United States (a missing location?)");
        }
        GeoPoint point;
        try {
            point = new GeoPoint(lat, lon);
        } catch (IllegalArgumentException e) {
            return new Rejected(line, Math.abs(lat) > 90 ? "Lat" : "Lon", e.getMessage());
        }
        // Comments may contain unquoted commas in hand-edited files: everything after Lon is the comment.
        String comments = String.join(",", row.fields().subList(7, Math.max(7, row.fields().size()))).trim();
        Matcher wfo = WFO.matcher(comments);
        return new Storm(line, kind, occurredAt, reportDate, magnitude, magnitudeText, row.field(2).trim(),
                row.field(3).trim(), state, lat, lon, point.cell(GeoPoint.STORM_RESOLUTION), comments,
                wfo.find() ? wfo.group(1) : null);
    }

    static @Nullable LocalDate parseDate(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date (YYYY-MM-DD)");
        }
    }
}

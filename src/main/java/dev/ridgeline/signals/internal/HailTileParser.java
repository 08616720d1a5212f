package dev.ridgeline.signals.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import dev.ridgeline.platform.GeoPoint;
import dev.ridgeline.platform.io.CsvReader;

/**
 * Reads NCEI SWDI NEXRAD hail-signature tile summaries ({@code nx3hail} "tiles" form): per UTC day, the centre of a
 * 0.1 degree tile and how many radar hail detections fell in it. A swath proxy, not ground truth.
 */
final class HailTileParser {

    sealed interface Outcome permits Tile, Rejected {
    }

    record Tile(long line, LocalDate day, double latitude, double longitude, int detections, long h3r7) implements Outcome {
    }

    record Rejected(long line, String column, String reason) implements Outcome {
    }

    static final List<String> HEADER = List.of("ZDAY", "CENTERLON", "CENTERLAT", "TOTAL_COUNT");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    static boolean isHeader(List<String> fields) {
        return !fields.isEmpty() && fields.getFirst().trim().equalsIgnoreCase("ZDAY");
    }

    static void check(List<String> header) {
        List<String> got = header.stream().map(h -> h.trim().toUpperCase(Locale.ROOT)).toList();
        if (!got.equals(HEADER)) {
            throw new dev.ridgeline.signals.imports.FileImporter.FileProblem("a NEXRAD hail tile file has the columns "
                    + String.join(",", HEADER) + "; line 1 has " + String.join(",", header));
        }
    }

    Outcome parse(CsvReader.Result result) {
        if (result instanceof CsvReader.Malformed m) {
            return new Rejected(m.line(), "", m.reason());
        }
        CsvReader.Row row = (CsvReader.Row) result;
        long line = row.line();
        if (row.fields().size() != 4) {
            return new Rejected(line, "", "has " + row.fields().size() + " fields; a tile row has 4 (" + String.join(",", HEADER) + ")");
        }
        LocalDate day;
        try {
            day = LocalDate.parse(row.field(0).trim(), DAY);
        } catch (DateTimeParseException e) {
            return new Rejected(line, "ZDAY", "'" + row.field(0).trim() + "' is not a day (YYYYMMDD)");
        }
        double lon;
        double lat;
        GeoPoint p;
        try {
            lon = Double.parseDouble(row.field(1).trim());
            lat = Double.parseDouble(row.field(2).trim());
            p = new GeoPoint(lat, lon);
        } catch (IllegalArgumentException e) {
            return new Rejected(line, "CENTERLAT", "'" + row.field(2).trim() + ", " + row.field(1).trim()
                    + "' is not a place on Earth");
        }
        int count;
        try {
            count = Integer.parseInt(row.field(3).trim());
        } catch (NumberFormatException e) {
            return new Rejected(line, "TOTAL_COUNT", "'" + row.field(3).trim() + "' is not a count");
        }
        if (count <= 0) {
            return new Rejected(line, "TOTAL_COUNT", "a tile in the file has at least one detection, not " + count);
        }
        return new Tile(line, day, lat, lon, count, p.cell(GeoPoint.STORM_RESOLUTION));
    }
}

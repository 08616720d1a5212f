package dev.ridgeline.signals.internal;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ridgeline.platform.GeoPoint;
import dev.ridgeline.platform.io.CsvReader;
import dev.ridgeline.signals.StormKind;

/**
 * Reads NOAA NCEI Storm Events detail CSVs ({@code StormEvents_details-ftp_v1.0_dYYYY_c*.csv}): hail, thunderstorm
 * and other wind, and tornado rows become storm reports; other event types (floods, winter storms...) are reported
 * as not imported. Times are local standard time of the row's {@code CZ_TIMEZONE} ("CST-6" is UTC-6, no daylight
 * time); the report's day follows SPC's convective-day rule (12Z to 11:59Z) so the two sources line up. Hail is in
 * inches, wind in knots.
 */
final class StormEventsParser {

    static final List<String> REQUIRED = List.of("BEGIN_YEARMONTH", "BEGIN_DAY", "BEGIN_TIME", "EVENT_TYPE", "STATE",
            "CZ_TIMEZONE", "MAGNITUDE", "BEGIN_LAT", "BEGIN_LON");

    private static final Pattern ZONE = Pattern.compile("^[A-Z]{2,4}(-?\\d{1,2})$");
    private static final Map<String, String> STATES = states();

    private final Map<String, Integer> index = new HashMap<>();

    StormEventsParser(List<String> header) {
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i).trim().toUpperCase(Locale.ROOT), i);
        }
        List<String> missing = REQUIRED.stream().filter(c -> !index.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new dev.ridgeline.signals.imports.FileImporter.FileProblem(
                    "this Storm Events file lacks the columns " + String.join(", ", missing) + " (line 1)");
        }
    }

    static boolean isHeader(List<String> fields) {
        return !fields.isEmpty() && fields.getFirst().trim().equalsIgnoreCase("BEGIN_YEARMONTH");
    }

    SpcStormParser.Outcome parse(CsvReader.Result result) {
        if (result instanceof CsvReader.Malformed m) {
            return new SpcStormParser.Rejected(m.line(), null, m.reason());
        }
        CsvReader.Row row = (CsvReader.Row) result;
        long line = row.line();
        if (row.fields().size() < index.size()) {
            return new SpcStormParser.Rejected(line, null, "has " + row.fields().size() + " fields, the header has "
                    + index.size());
        }
        String type = get(row, "EVENT_TYPE");
        StormKind kind = switch (type.toUpperCase(Locale.ROOT)) {
            case "HAIL", "MARINE HAIL" -> StormKind.HAIL;
            case "THUNDERSTORM WIND", "HIGH WIND", "STRONG WIND", "MARINE THUNDERSTORM WIND" -> StormKind.WIND;
            case "TORNADO" -> StormKind.TORNADO;
            default -> null;
        };
        if (kind == null) {
            return new SpcStormParser.Rejected(line, "EVENT_TYPE", "a '" + type
                    + "' event is not hail, wind or a tornado; not imported");
        }
        Instant at;
        try {
            String ym = get(row, "BEGIN_YEARMONTH");
            String time = String.format("%4s", get(row, "BEGIN_TIME")).replace(' ', '0');
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(ym.substring(0, 4)), Integer.parseInt(ym.substring(4, 6)),
                    Integer.parseInt(get(row, "BEGIN_DAY")), Integer.parseInt(time.substring(0, 2)),
                    Integer.parseInt(time.substring(2, 4)));
            Matcher z = ZONE.matcher(get(row, "CZ_TIMEZONE").toUpperCase(Locale.ROOT));
            if (!z.matches()) {
                return new SpcStormParser.Rejected(line, "CZ_TIMEZONE", "'" + get(row, "CZ_TIMEZONE")
                        + "' is not a Storm Events time zone such as CST-6");
            }
            at = local.toInstant(ZoneOffset.ofHours(Integer.parseInt(z.group(1))));
        } catch (RuntimeException e) {
            return new SpcStormParser.Rejected(line, "BEGIN_YEARMONTH", "the begin date and time ("
                    + get(row, "BEGIN_YEARMONTH") + ", day " + get(row, "BEGIN_DAY") + ", " + get(row, "BEGIN_TIME")
                    + ") are not a date and time");
        }
        LocalDate convectiveDay = at.minusSeconds(12 * 3600).atZone(ZoneOffset.UTC).toLocalDate();
        String magnitudeText = get(row, "MAGNITUDE");
        BigDecimal magnitude = null;
        switch (kind) {
            case HAIL -> {
                try {
                    magnitude = new BigDecimal(magnitudeText);
                } catch (NumberFormatException e) {
                    return new SpcStormParser.Rejected(line, "MAGNITUDE", "'" + magnitudeText + "' is not a hail size in inches");
                }
                if (magnitude.signum() <= 0 || magnitude.compareTo(BigDecimal.valueOf(8)) > 0) {
                    return new SpcStormParser.Rejected(line, "MAGNITUDE", "hail of " + magnitudeText
                            + " in is impossible; the largest US hailstone was 8 in");
                }
            }
            case WIND -> {
                if (!magnitudeText.isEmpty()) {
                    try {
                        magnitude = new BigDecimal(magnitudeText);
                    } catch (NumberFormatException e) {
                        return new SpcStormParser.Rejected(line, "MAGNITUDE", "'" + magnitudeText + "' is not a wind speed in knots");
                    }
                    if (magnitude.signum() <= 0 || magnitude.compareTo(BigDecimal.valueOf(250)) > 0) {
                        return new SpcStormParser.Rejected(line, "MAGNITUDE", magnitudeText + " kt is not a wind speed");
                    }
                }
                String type2 = get(row, "MAGNITUDE_TYPE");
                magnitudeText = (magnitudeText.isEmpty() ? "UNK" : magnitudeText) + (type2.isEmpty() ? "" : " " + type2);
            }
            case TORNADO -> {
                String scale = get(row, "TOR_F_SCALE");
                magnitudeText = scale.isEmpty() ? "UNK" : scale.toUpperCase(Locale.ROOT);
            }
            default -> throw new IllegalStateException();
        }
        String latText = get(row, "BEGIN_LAT");
        String lonText = get(row, "BEGIN_LON");
        if (latText.isEmpty() || lonText.isEmpty()) {
            return new SpcStormParser.Rejected(line, "BEGIN_LAT", "no latitude and longitude (a zone-wide event); "
                    + "a storm report needs a place");
        }
        double lat;
        double lon;
        GeoPoint point;
        try {
            lat = Double.parseDouble(latText);
            lon = Double.parseDouble(lonText);
            point = new GeoPoint(lat, lon);
        } catch (IllegalArgumentException e) {
            return new SpcStormParser.Rejected(line, "BEGIN_LAT", "'" + latText + ", " + lonText + "' is not a place on Earth");
        }
        String stateName = get(row, "STATE").toUpperCase(Locale.ROOT);
        String state = STATES.getOrDefault(stateName, stateName.length() == 2 ? stateName : null);
        if (state == null) {
            return new SpcStormParser.Rejected(line, "STATE", "'" + get(row, "STATE") + "' is not a US state or territory");
        }
        String range = get(row, "BEGIN_RANGE");
        String azimuth = get(row, "BEGIN_AZIMUTH");
        String place = get(row, "BEGIN_LOCATION");
        String location = (range.isEmpty() || range.equals("0") ? "" : range + " " + azimuth + " ") + place;
        String narrative = get(row, "EVENT_NARRATIVE");
        String wfo = get(row, "WFO");
        return new SpcStormParser.Storm(line, kind, at, convectiveDay, magnitude, magnitudeText, location.trim(),
                get(row, "CZ_NAME"), state, lat, lon, point.cell(GeoPoint.STORM_RESOLUTION), narrative,
                wfo.isEmpty() ? null : wfo);
    }

    private String get(CsvReader.Row row, String column) {
        Integer i = index.get(column);
        return i == null || i >= row.fields().size() ? "" : row.fields().get(i).trim();
    }

    private static Map<String, String> states() {
        String[] pairs = ("ALABAMA:AL,ALASKA:AK,ARIZONA:AZ,ARKANSAS:AR,CALIFORNIA:CA,COLORADO:CO,CONNECTICUT:CT,"
                + "DELAWARE:DE,DISTRICT OF COLUMBIA:DC,FLORIDA:FL,GEORGIA:GA,HAWAII:HI,IDAHO:ID,ILLINOIS:IL,INDIANA:IN,"
                + "IOWA:IA,KANSAS:KS,KENTUCKY:KY,LOUISIANA:LA,MAINE:ME,MARYLAND:MD,MASSACHUSETTS:MA,MICHIGAN:MI,"
                + "MINNESOTA:MN,MISSISSIPPI:MS,MISSOURI:MO,MONTANA:MT,NEBRASKA:NE,NEVADA:NV,NEW HAMPSHIRE:NH,"
                + "NEW JERSEY:NJ,NEW MEXICO:NM,NEW YORK:NY,NORTH CAROLINA:NC,NORTH DAKOTA:ND,OHIO:OH,OKLAHOMA:OK,"
                + "OREGON:OR,PENNSYLVANIA:PA,RHODE ISLAND:RI,SOUTH CAROLINA:SC,SOUTH DAKOTA:SD,TENNESSEE:TN,TEXAS:TX,"
                + "UTAH:UT,VERMONT:VT,VIRGINIA:VA,WASHINGTON:WA,WEST VIRGINIA:WV,WISCONSIN:WI,WYOMING:WY,"
                + "PUERTO RICO:PR,GUAM:GU,VIRGIN ISLANDS:VI,AMERICAN SAMOA:AS").split(",");
        Map<String, String> m = new HashMap<>();
        for (String p : pairs) {
            String[] kv = p.split(":");
            m.put(kv[0], kv[1]);
        }
        return Map.copyOf(m);
    }
}

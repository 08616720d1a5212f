package dev.ridgeline.signals.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.Addresses;
import dev.ridgeline.platform.GeoPoint;
import dev.ridgeline.platform.io.CsvReader;
import dev.ridgeline.signals.PermitProfile;

/** Turns the rows of a permit CSV into permits through a column-mapping profile, or says what is wrong. */
final class PermitRowParser {

    sealed interface Outcome permits Parsed, Rejected {
    }

    record Parsed(long line, String number, String type, @Nullable String subtype, @Nullable String description,
            String address, String addressKey, @Nullable String unit, @Nullable String city, @Nullable String state,
            @Nullable String postalCode, @Nullable Double latitude, @Nullable Double longitude, @Nullable Long h3r9,
            @Nullable LocalDate filed, @Nullable LocalDate issued, @Nullable BigDecimal valuation,
            @Nullable String contractor, @Nullable String parcel, PermitClassifier.Verdict verdict) implements Outcome {
    }

    record Rejected(long line, @Nullable String column, String reason) implements Outcome {
    }

    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("M/d/uuuu");
    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    private final PermitProfile profile;
    private final Map<String, Integer> index;
    private final PermitClassifier classifier;
    private final LocalDate latest;

    private PermitRowParser(PermitProfile profile, Map<String, Integer> index, PermitClassifier classifier,
            LocalDate today) {
        this.profile = profile;
        this.index = index;
        this.classifier = classifier;
        this.latest = today.plusYears(1);
    }

    /**
     * A parser for a file with this header: with the profile named, or else the built-in profile whose columns
     * the header has. Empty with a reason when none fits.
     */
    static PermitRowParser forHeader(List<String> header, @Nullable PermitProfile chosen, PermitClassifier classifier,
            LocalDate today) {
        return forHeader(header, chosen, PermitProfile.builtIn(), classifier, today);
    }

    /** As above, recognising the header among {@code candidates} (the built-in profiles and the company's own). */
    static PermitRowParser forHeader(List<String> header, @Nullable PermitProfile chosen, List<PermitProfile> candidates,
            PermitClassifier classifier, LocalDate today) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(key(header.get(i)), i);
        }
        PermitProfile profile = chosen;
        if (profile == null) {
            Optional<PermitProfile> match = candidates.stream()
                    .filter(p -> p.columns().stream().allMatch(c -> index.containsKey(key(c)))).findFirst();
            if (match.isEmpty()) {
                throw new dev.ridgeline.signals.imports.FileImporter.FileProblem("the header matches no known permit layout; choose a profile ("
                        + String.join(", ", candidates.stream().map(PermitProfile::name).toList()) + ")");
            }
            profile = match.get();
        }
        for (String required : profile.required()) {
            if (!index.containsKey(key(required))) {
                throw new dev.ridgeline.signals.imports.FileImporter.FileProblem("column '" + required + "' of profile " + profile.name()
                        + " is not in the header (line 1)");
            }
        }
        return new PermitRowParser(profile, index, classifier, today);
    }

    PermitProfile profile() {
        return profile;
    }

    Outcome parse(CsvReader.Result result) {
        if (result instanceof CsvReader.Malformed m) {
            return new Rejected(m.line(), null, m.reason());
        }
        CsvReader.Row row = (CsvReader.Row) result;
        long line = row.line();
        String number = value(row, profile.number());
        if (number == null) {
            return new Rejected(line, profile.number(), "no permit number");
        }
        String type = value(row, profile.type());
        if (type == null) {
            return new Rejected(line, profile.type(), "no permit type");
        }
        String address = value(row, profile.address());
        if (address == null) {
            return new Rejected(line, profile.address(), "no address");
        }
        Addresses.Street street = Addresses.street(address);
        if (street.line().isEmpty()) {
            return new Rejected(line, profile.address(), "'" + address + "' is not a street address");
        }
        StringBuilder description = new StringBuilder();
        for (String column : profile.description()) {
            String v = value(row, column);
            if (v != null) {
                description.append(description.isEmpty() ? "" : " | ").append(v);
            }
        }
        Double lat = null;
        Double lon = null;
        Long cell = null;
        String latText = value(row, profile.latitude());
        String lonText = value(row, profile.longitude());
        if (latText != null || lonText != null) {
            try {
                lat = Double.parseDouble(latText == null ? "x" : latText);
            } catch (NumberFormatException e) {
                return new Rejected(line, profile.latitude(), "'" + latText + "' is not a latitude");
            }
            try {
                lon = Double.parseDouble(lonText == null ? "x" : lonText);
            } catch (NumberFormatException e) {
                return new Rejected(line, profile.longitude(), "'" + lonText + "' is not a longitude");
            }
            if (lat == 0 && lon == 0) {
                lat = null;
                lon = null;
            } else {
                try {
                    cell = new GeoPoint(lat, lon).cell(GeoPoint.PROPERTY_RESOLUTION);
                } catch (IllegalArgumentException e) {
                    return new Rejected(line, Math.abs(lat) > 90 ? profile.latitude() : profile.longitude(), e.getMessage());
                }
            }
        }
        LocalDate filed;
        LocalDate issued;
        BigDecimal valuation;
        try {
            filed = date(row, profile.filed());
            issued = date(row, profile.issued());
            valuation = money(row, profile.valuation());
        } catch (ColumnProblem e) {
            return new Rejected(line, e.column, e.getMessage());
        }
        String postal = value(row, profile.postalCode());
        if (postal == null) {
            postal = Addresses.zip(address);
        }
        String state = value(row, profile.state());
        String desc = description.isEmpty() ? null : description.toString();
        return new Parsed(line, number, type, value(row, profile.subtype()), desc, address.trim(), street.line(),
                street.unit(), value(row, profile.city()), state == null ? profile.defaultState() : state, postal, lat,
                lon, cell, filed, issued, valuation, value(row, profile.contractor()), value(row, profile.parcel()),
                classifier.classify(type, value(row, profile.subtype()), desc));
    }

    private @Nullable LocalDate date(CsvReader.Row row, @Nullable String column) {
        String text = value(row, column);
        if (text == null) {
            return null;
        }
        LocalDate date;
        try {
            date = switch (profile.dates()) {
                case ISO_DATE -> LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
                case US_DATE -> LocalDate.parse(text, US_DATE);
                case EPOCH_MILLIS -> Instant.ofEpochMilli(Long.parseLong(text)).atZone(profile.zone()).toLocalDate();
            };
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new ColumnProblem(column, "'" + text + "' is not a date (" + switch (profile.dates()) {
                case ISO_DATE -> "YYYY-MM-DD";
                case US_DATE -> "M/D/YYYY";
                case EPOCH_MILLIS -> "milliseconds since 1970";
            } + ")");
        }
        if (date.isBefore(EARLIEST) || date.isAfter(latest)) {
            throw new ColumnProblem(column, date + " is not a plausible permit date");
        }
        return date;
    }

    private @Nullable BigDecimal money(CsvReader.Row row, @Nullable String column) {
        String text = value(row, column);
        if (text == null) {
            return null;
        }
        try {
            BigDecimal v = new BigDecimal(text.replace("$", "").replace(",", "").trim());
            if (v.signum() < 0 || v.compareTo(new BigDecimal("1000000000000")) >= 0) {
                throw new ColumnProblem(column, text + " is not a plausible valuation");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ColumnProblem(column, "'" + text + "' is not an amount");
        }
    }

    private @Nullable String value(CsvReader.Row row, @Nullable String column) {
        if (column == null) {
            return null;
        }
        Integer i = index.get(key(column));
        if (i == null) {
            return null;
        }
        String v = row.field(i).trim();
        return v.isEmpty() ? null : v;
    }

    private static String key(String column) {
        return column.trim().toLowerCase(Locale.ROOT);
    }

    private static final class ColumnProblem extends RuntimeException {
        private final @Nullable String column;

        ColumnProblem(@Nullable String column, String message) {
            super(message);
            this.column = column;
        }
    }
}

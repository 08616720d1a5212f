package dev.ridgeline.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * US street addresses in USPS style, so the same house written two ways gets one key: upper case, punctuation
 * dropped, street suffixes, directions and ordinals abbreviated ("1916 Eighteenth Avenue South" and
 * "1916 18th Ave. S." both become {@code 1916 18TH AVE S}), units split off ("APT 4", "# 4" and "Unit 4" become
 * {@code UNIT 4}).
 */
public final class Addresses {

    /** A parsed address line: the street part (the de-duplication key) and the unit, if any. */
    public record Street(String line, @Nullable String unit) {

        /** The street line with its unit, as a label. */
        public String label() {
            return unit == null ? line : line + " " + unit;
        }
    }

    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("STREET", "ST"), Map.entry("STR", "ST"), Map.entry("AVENUE", "AVE"), Map.entry("AV", "AVE"),
            Map.entry("ROAD", "RD"), Map.entry("DRIVE", "DR"), Map.entry("LANE", "LN"), Map.entry("COURT", "CT"),
            Map.entry("CIRCLE", "CIR"), Map.entry("BOULEVARD", "BLVD"), Map.entry("PLACE", "PL"),
            Map.entry("TERRACE", "TER"), Map.entry("PARKWAY", "PKWY"), Map.entry("HIGHWAY", "HWY"),
            Map.entry("TRAIL", "TRL"), Map.entry("SQUARE", "SQ"), Map.entry("EXPRESSWAY", "EXPY"),
            Map.entry("FREEWAY", "FWY"), Map.entry("CROSSING", "XING"), Map.entry("POINT", "PT"),
            Map.entry("HOLLOW", "HOLW"), Map.entry("MOUNTAIN", "MTN"), Map.entry("HEIGHTS", "HTS"),
            Map.entry("CREEK", "CRK"), Map.entry("VALLEY", "VLY"), Map.entry("COVE", "CV"), Map.entry("LOOP", "LOOP"),
            Map.entry("NORTH", "N"), Map.entry("SOUTH", "S"), Map.entry("EAST", "E"), Map.entry("WEST", "W"),
            Map.entry("NORTHEAST", "NE"), Map.entry("NORTHWEST", "NW"), Map.entry("SOUTHEAST", "SE"),
            Map.entry("SOUTHWEST", "SW"), Map.entry("FIRST", "1ST"), Map.entry("SECOND", "2ND"),
            Map.entry("THIRD", "3RD"), Map.entry("FOURTH", "4TH"), Map.entry("FIFTH", "5TH"), Map.entry("SIXTH", "6TH"),
            Map.entry("SEVENTH", "7TH"), Map.entry("EIGHTH", "8TH"), Map.entry("NINTH", "9TH"),
            Map.entry("TENTH", "10TH"), Map.entry("ELEVENTH", "11TH"), Map.entry("TWELFTH", "12TH"),
            Map.entry("THIRTEENTH", "13TH"), Map.entry("FOURTEENTH", "14TH"), Map.entry("FIFTEENTH", "15TH"),
            Map.entry("SIXTEENTH", "16TH"), Map.entry("SEVENTEENTH", "17TH"), Map.entry("EIGHTEENTH", "18TH"),
            Map.entry("NINETEENTH", "19TH"), Map.entry("TWENTIETH", "20TH"));

    private static final Pattern UNIT = Pattern.compile(
            "\\s+(?:APT|APARTMENT|UNIT|STE|SUITE|BLDG|BUILDING|LOT|SPC|SPACE|RM|ROOM|#)\\s*#?\\s*([A-Z0-9-]+)\\s*$");
    private static final Pattern ZIP = Pattern.compile("(\\d{5})(?:-\\d{4})?\\s*$");

    private Addresses() {
    }

    /** Normalises the street line of an address; anything after the first comma (city, state, ZIP) is dropped. */
    public static Street street(String address) {
        String line = address == null ? "" : address;
        int comma = line.indexOf(',');
        if (comma >= 0) {
            line = line.substring(0, comma);
        }
        line = clean(line);
        String unit = null;
        Matcher m = UNIT.matcher(line);
        if (mayHaveUnit(line) && m.find()) {
            unit = "UNIT " + m.group(1);
            line = line.substring(0, m.start()).trim();
        }
        List<String> out = new ArrayList<>();
        for (String token : line.split(" ")) {
            if (!token.isEmpty()) {
                out.add(WORDS.getOrDefault(token, token));
            }
        }
        return new Street(String.join(" ", out), unit);
    }

    private static boolean mayHaveUnit(String line) {
        return line.indexOf('#') >= 0 || line.contains("APT") || line.contains("UNIT") || line.contains("STE")
                || line.contains("SUITE") || line.contains("BLDG") || line.contains("BUILDING") || line.contains("LOT")
                || line.contains("SP") || line.contains("RM") || line.contains("ROOM");
    }

    /** Upper case, punctuation to spaces, "#" set apart, runs of spaces collapsed: one pass, no regex. */
    private static String clean(String raw) {
        StringBuilder out = new StringBuilder(raw.length() + 4);
        boolean space = true;
        for (int i = 0; i < raw.length(); i++) {
            char c = Character.toUpperCase(raw.charAt(i));
            boolean blank = c == ' ' || c == '\t' || c == '.' || c == ',' || c == ';' || c == ':' || c == '\''
                    || c == '"' || c == '(' || c == ')' || c == '\n' || c == '\r';
            if (c == '#') {
                if (!space) {
                    out.append(' ');
                }
                out.append("# ");
                space = true;
            } else if (blank) {
                if (!space) {
                    out.append(' ');
                    space = true;
                }
            } else {
                out.append(c);
                space = false;
            }
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        return out.substring(0, end);
    }

    /** The 5-digit ZIP at the end of a one-line address such as "630 W ELMIRA ST, San Antonio, TX 78212". */
    public static @Nullable String zip(String address) {
        if (address == null) {
            return null;
        }
        Matcher m = ZIP.matcher(address.trim());
        return m.find() ? m.group(1) : null;
    }
}

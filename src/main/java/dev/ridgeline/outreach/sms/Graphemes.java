package dev.ridgeline.outreach.sms;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into characters as a person sees them (extended grapheme clusters) by the rules of UAX #29 for
 * Unicode 10.0, as Twilio's segment calculator does, rather than the JDK's newer rules: since Unicode 15.1 an Indic
 * conjunct (क्ष) is one character and every emoji ZWJ sequence joins, which would make our counts differ from the
 * carrier-facing calculator. The property table is Unicode 10.0's Grapheme_Cluster_Break.
 */
final class Graphemes {

    enum Break {
        CR, LF, CONTROL, EXTEND, REGIONAL_INDICATOR, SPACING_MARK, L, V, T, LV, LVT, OTHER, PREPEND, E_BASE,
        E_MODIFIER, ZWJ, GLUE_AFTER_ZWJ, E_BASE_GAZ
    }

    private static final int[] FIRST;
    private static final int[] LAST;
    private static final Break[] VALUE;

    static {
        List<int[]> ranges = new ArrayList<>();
        List<Break> values = new ArrayList<>();
        try (InputStream in = Graphemes.class.getResourceAsStream("grapheme-break-10.txt")) {
            if (in == null) {
                throw new IllegalStateException("grapheme-break-10.txt is missing from the build");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.strip().split(";");
                String[] bounds = parts[0].split("\\.\\.");
                int first = Integer.parseInt(bounds[0], 16);
                int last = bounds.length == 2 ? Integer.parseInt(bounds[1], 16) : first;
                ranges.add(new int[] {first, last});
                values.add(Break.valueOf(camelToEnum(parts[1])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FIRST = ranges.stream().mapToInt(r -> r[0]).toArray();
        LAST = ranges.stream().mapToInt(r -> r[1]).toArray();
        VALUE = values.toArray(Break[]::new);
    }

    private Graphemes() {
    }

    private static String camelToEnum(String name) {
        return switch (name) {
            case "SpacingMark" -> "SPACING_MARK";
            default -> name.toUpperCase(java.util.Locale.ROOT);
        };
    }

    static Break property(int cp) {
        if (cp >= 0xAC00 && cp <= 0xD7A3) {
            return (cp - 0xAC00) % 28 == 0 ? Break.LV : Break.LVT;
        }
        int lo = 0;
        int hi = FIRST.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (cp < FIRST[mid]) {
                hi = mid - 1;
            } else if (cp > LAST[mid]) {
                lo = mid + 1;
            } else {
                return VALUE[mid];
            }
        }
        return Break.OTHER;
    }

    /** The clusters of {@code text}, in order. */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = nextBreak(text, start);
            out.add(text.substring(start, end));
            start = end;
        }
        return out;
    }

    private static int nextBreak(String text, int index) {
        if (index >= text.length() - 1) {
            return text.length();
        }
        Break first = property(text.codePointAt(index));
        List<Break> between = new ArrayList<>();
        int i = index + Character.charCount(text.codePointAt(index));
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            Break next = property(cp);
            if (breaksBefore(first, between, next)) {
                return i;
            }
            between.add(next);
            i += Character.charCount(cp);
        }
        return text.length();
    }

    /**
     * Whether a cluster that began with {@code first}, then {@code between}, ends before {@code next}: the rules
     * GB3 to GB13 and GB999 of UAX #29 (10.0), with the calculator's look-behind for emoji modifiers and regional
     * indicator pairs.
     */
    static boolean breaksBefore(Break first, List<Break> between, Break next) {
        List<Break> all = new ArrayList<>(between.size() + 2);
        all.add(first);
        all.addAll(between);
        all.add(next);
        Break previous = all.get(all.size() - 2);

        int modifier = all.lastIndexOf(Break.E_MODIFIER);
        if (modifier > 1 && allAre(all, 1, modifier, Break.EXTEND)
                && first != Break.EXTEND && first != Break.E_BASE && first != Break.E_BASE_GAZ) {
            return true;
        }
        int regional = all.lastIndexOf(Break.REGIONAL_INDICATOR);
        if (regional > 0 && allAre(all, 1, regional, Break.REGIONAL_INDICATOR)
                && previous != Break.PREPEND && previous != Break.REGIONAL_INDICATOR) {
            return true;
        }
        if (previous == Break.CR && next == Break.LF) {
            return false; // GB3
        }
        if (previous == Break.CONTROL || previous == Break.CR || previous == Break.LF) {
            return true; // GB4
        }
        if (next == Break.CONTROL || next == Break.CR || next == Break.LF) {
            return true; // GB5
        }
        if (previous == Break.L && (next == Break.L || next == Break.V || next == Break.LV || next == Break.LVT)) {
            return false; // GB6
        }
        if ((previous == Break.LV || previous == Break.V) && (next == Break.V || next == Break.T)) {
            return false; // GB7
        }
        if ((previous == Break.LVT || previous == Break.T) && next == Break.T) {
            return false; // GB8
        }
        if (next == Break.EXTEND || next == Break.ZWJ || next == Break.SPACING_MARK || previous == Break.PREPEND) {
            return false; // GB9, GB9a, GB9b
        }
        int lastExtend = all.lastIndexOf(Break.EXTEND);
        int beforeExtends = lastExtend >= 0 ? lastExtend - 1 : all.size() - 2;
        if (beforeExtends >= 0 && (all.get(beforeExtends) == Break.E_BASE || all.get(beforeExtends) == Break.E_BASE_GAZ)
                && allAre(all, beforeExtends + 1, all.size() - 1, Break.EXTEND) && next == Break.E_MODIFIER) {
            return false; // GB10
        }
        if (previous == Break.ZWJ && (next == Break.GLUE_AFTER_ZWJ || next == Break.E_BASE_GAZ)) {
            return false; // GB11
        }
        if (between.contains(Break.REGIONAL_INDICATOR)) {
            return true; // GB12, GB13: a third indicator starts a new flag
        }
        return !(previous == Break.REGIONAL_INDICATOR && next == Break.REGIONAL_INDICATOR);
    }

    private static boolean allAre(List<Break> all, int from, int to, Break value) {
        for (int i = from; i < to; i++) {
            if (all.get(i) != value) {
                return false;
            }
        }
        return true;
    }
}

package dev.ridgeline.outreach.sms;

import java.text.Normalizer;
import java.util.Map;

/**
 * The one-click "make it GSM-7": typography that word processors and phones put in (curly quotes, dashes, the
 * ellipsis, non-breaking and other odd spaces, tabs) and letters with accents outside the GSM alphabet become their
 * plain equivalents, so a message that was UCS-2 only because of them costs a half or a third as many segments.
 * Emoji and other scripts are left alone: they stay UCS-2, and {@link #remaining()} says which.
 *
 * @param text the rewritten text
 * @param changed how many characters were replaced or removed
 */
public record Gsm7Rewrite(String text, int changed) {

    private static final Map<Integer, String> PLAIN = Map.ofEntries(
            Map.entry(0x2018, "'"), Map.entry(0x2019, "'"), Map.entry(0x201A, "'"), Map.entry(0x201B, "'"),
            Map.entry(0x2032, "'"), Map.entry(0x00B4, "'"), Map.entry(0x02BC, "'"), Map.entry(0x0060, "'"),
            Map.entry(0x201C, "\""), Map.entry(0x201D, "\""), Map.entry(0x201E, "\""), Map.entry(0x201F, "\""),
            Map.entry(0x2033, "\""), Map.entry(0x00AB, "\""), Map.entry(0x00BB, "\""),
            Map.entry(0x2010, "-"), Map.entry(0x2011, "-"), Map.entry(0x2012, "-"), Map.entry(0x2013, "-"),
            Map.entry(0x2014, "-"), Map.entry(0x2015, "-"), Map.entry(0x2212, "-"), Map.entry(0x2022, "-"),
            Map.entry(0x00B7, "."), Map.entry(0x2026, "..."), Map.entry(0x0009, " "), Map.entry(0x00A0, " "),
            Map.entry(0x202F, " "), Map.entry(0x205F, " "), Map.entry(0x3000, " "), Map.entry(0x200B, ""),
            Map.entry(0xFEFF, ""), Map.entry(0x2060, ""), Map.entry(0x2122, "TM"), Map.entry(0x00A9, "(c)"),
            Map.entry(0x00AE, "(R)"), Map.entry(0x0142, "l"), Map.entry(0x0141, "L"), Map.entry(0x0153, "oe"),
            Map.entry(0x0152, "OE"), Map.entry(0x0111, "d"), Map.entry(0x0110, "D"), Map.entry(0x00E7, "c"),
            Map.entry(0x00B0, " deg"), Map.entry(0x00BD, "1/2"), Map.entry(0x00BC, "1/4"), Map.entry(0x00BE, "3/4"));

    /** Rewrites {@code text}; characters already in the GSM alphabet are never touched. */
    public static Gsm7Rewrite of(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int changed = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x10000 && SmsSegments.isGsm((char) cp)) {
                out.append((char) cp);
                continue;
            }
            String plain = plain(cp);
            if (plain == null) {
                out.appendCodePoint(cp);
            } else {
                out.append(plain);
                changed++;
            }
        }
        return new Gsm7Rewrite(out.toString(), changed);
    }

    /** The plain equivalent of a character outside GSM-7, or null when it has none (emoji, other scripts). */
    private static String plain(int cp) {
        if (PLAIN.containsKey(cp)) {
            return PLAIN.get(cp);
        }
        if (cp >= 0x2000 && cp <= 0x200A) {
            return " "; // en quad .. hair space
        }
        // A Latin letter with accents: the letter alone, when that is GSM (á to a, Š to S).
        String decomposed = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
        if (decomposed.length() > 1 && SmsSegments.isGsm(decomposed.charAt(0))
                && decomposed.codePoints().skip(1).allMatch(c -> Character.getType(c) == Character.NON_SPACING_MARK)) {
            return decomposed.substring(0, 1);
        }
        return null;
    }

    /** What the rewritten text costs, and which characters still keep it UCS-2. */
    public SmsSegments remaining() {
        return SmsSegments.of(text);
    }
}

package dev.ridgeline.outreach.sms;

import java.util.ArrayList;
import java.util.List;

/**
 * How a carrier splits a text (3GPP TS 23.038 and 23.040, as Twilio counts): GSM-7 when every character is in the
 * GSM 03.38 default alphabet or its extension table (the extension's ten characters take an escape and count
 * twice), else UCS-2 for the whole message. One segment holds 140 octets (1,120 bits): 160 GSM-7 characters or 70
 * UCS-2 code units; a longer message is sent in parts that each give 6 octets to a concatenation header (153 and 67).
 * A character as a person sees it (an emoji with its skin tone, a flag, a letter with its accents) is never split
 * between two segments, and a CR LF line break counts as two characters.
 *
 * @param encoding GSM-7 or UCS-2
 * @param segments parts billed
 * @param characters GSM-7 code units (an extension character counts two) or, in UCS-2, characters as a person sees
 *     them
 * @param notGsm the characters that made the message UCS-2, in order, once each
 */
public record SmsSegments(Encoding encoding, int segments, int characters, List<String> notGsm) {

    public enum Encoding {
        GSM_7("GSM-7"), UCS_2("UCS-2");

        private final String label;

        Encoding(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The GSM 03.38 default alphabet, in code order (ESC left out). */
    static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** The extension table: sent as ESC and a second septet. */
    static final String GSM_EXTENSION = "\f^{}\\[~]|€";

    private static final int SEGMENT_BITS = 1120;
    private static final int HEADER_BITS = 48;

    public SmsSegments {
        notGsm = List.copyOf(notGsm);
    }

    public static boolean isGsm(char c) {
        return GSM_BASIC.indexOf(c) >= 0 || GSM_EXTENSION.indexOf(c) >= 0;
    }

    static boolean isExtension(char c) {
        return GSM_EXTENSION.indexOf(c) >= 0;
    }

    /** Counts a message. */
    public static SmsSegments of(String text) {
        List<String> graphemes = graphemes(text);
        List<String> notGsm = new ArrayList<>();
        for (String g : graphemes) {
            if ((g.length() != 1 || !isGsm(g.charAt(0))) && !notGsm.contains(g)) {
                notGsm.add(g);
            }
        }
        Encoding encoding = notGsm.isEmpty() ? Encoding.GSM_7 : Encoding.UCS_2;
        int[] bits = new int[graphemes.size()];
        int characters = 0;
        for (int i = 0; i < bits.length; i++) {
            String g = graphemes.get(i);
            boolean gsm = g.length() == 1 && isGsm(g.charAt(0));
            if (encoding == Encoding.GSM_7) {
                int units = isExtension(g.charAt(0)) ? 2 : 1;
                bits[i] = 7 * units;
                characters += units;
            } else {
                bits[i] = gsm ? 16 : 16 * g.length();
                characters++;
            }
        }
        return new SmsSegments(encoding, segments(bits), characters, notGsm);
    }

    /**
     * Fills 1,120-bit segments in order. When a character does not fit, a new segment starts with a concatenation
     * header, and the first segment, which had none, gets one too: the characters it no longer holds move, in
     * order, to the start of the new segment.
     */
    static int segments(int[] bits) {
        List<List<Integer>> segments = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        segments.add(current);
        int used = 0;
        boolean firstHasHeader = false;
        for (int size : bits) {
            if (SEGMENT_BITS - used < size) {
                List<Integer> next = new ArrayList<>();
                int nextUsed = HEADER_BITS;
                if (segments.size() == 1 && !firstHasHeader) {
                    firstHasHeader = true;
                    used += HEADER_BITS;
                    List<Integer> moved = new ArrayList<>();
                    while (used > SEGMENT_BITS) {
                        int last = current.removeLast();
                        used -= last;
                        moved.addFirst(last);
                    }
                    for (int m : moved) {
                        next.add(m);
                        nextUsed += m;
                    }
                }
                segments.add(next);
                current = next;
                used = nextUsed;
            }
            current.add(size);
            used += size;
        }
        return segments.size();
    }

    /** Extended grapheme clusters (Unicode 10 rules), with CR LF taken as two (each is a GSM character). */
    static List<String> graphemes(String text) {
        List<String> out = new ArrayList<>();
        for (String g : Graphemes.split(text)) {
            if (g.equals("\r\n")) {
                out.add("\r");
                out.add("\n");
            } else {
                out.add(g);
            }
        }
        return out;
    }
}

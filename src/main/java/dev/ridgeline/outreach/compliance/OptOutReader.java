package dev.ridgeline.outreach.compliance;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an inbound text for what the person wants: to stop (revoking consent "by any reasonable means", 47 CFR
 * 64.1200(a)(10)), to start again, or help. The carrier keywords count whatever the case, spacing or punctuation;
 * free text counts when a reasonable person would read it as "stop" ("please stop texting me", "remove me from your
 * list", "wrong number"), with a confidence. {@link #ACT} and above is acted on at once; between {@link #REVIEW}
 * and that, a person decides; below, nothing happens. "Can you stop by Tuesday?" is not an opt-out.
 */
public final class OptOutReader {

    /** What an inbound message asks for. */
    public enum Intent {
        STOP, START, HELP, NONE
    }

    /** The reading: what, how sure (0 to 1), and the words that decided it. */
    public record Reading(Intent intent, double confidence, String because) {

        public boolean act() {
            return intent != Intent.NONE && confidence >= ACT;
        }

        public boolean review() {
            return intent == Intent.STOP && confidence >= REVIEW && confidence < ACT;
        }
    }

    public static final double ACT = 0.8;
    public static final double REVIEW = 0.4;

    static final Set<String> STOP_WORDS = Set.of("stop", "stopall", "unsubscribe", "cancel", "end", "quit", "revoke",
            "optout", "opt out", "stop all", "remove", "unsub", "stop texting", "stop messaging", "stop it");
    static final Set<String> START_WORDS = Set.of("start", "unstop", "resume", "subscribe");
    static final Set<String> HELP_WORDS = Set.of("help", "info");

    private static final List<Phrase> PHRASES = List.of(
            phrase("\\b(stop|quit|cease)\\s+(texting|messaging|contacting|calling|sending|bothering|harass\\w*)", 0.95),
            phrase("\\b(do\\s*n[o']?t|dont|never)\\s+(text|message|contact|call|email)((\\s+(or|and)\\s+|\\s*/\\s*)"
                    + "(text|message|contact|call|email))?\\s+(me|us|this|again)", 0.95),
            phrase("\\bno\\s+more\\s+(texts?|messages?|calls?|emails?|contact)", 0.95),
            phrase("\\b(remove|delete|take)\\s+(me|us|my\\s+(number|name|info\\w*))\\b.*\\b(list|off|from|number)", 0.95),
            phrase("\\b(remove|delete|take)\\s+(me|us|my\\s+number)\\s*(please|pls|plz)?$", 0.9),
            phrase("\\bunsubscribe\\s+me\\b", 0.95),
            phrase("\\bopt\\s*(me\\s+)?out\\b", 0.95),
            phrase("\\bwrong\\s+(number|person|#)", 0.9),
            phrase("\\blose\\s+(my|this)\\s+number", 0.9),
            phrase("\\bleave\\s+me\\s+alone", 0.9),
            phrase("\\b(f+u+c*k+|f)\\s*(off|you)\\b", 0.75),
            phrase("\\bnot\\s+interested\\b", 0.5),
            phrase("\\bno\\s+thank(s|\\s+you)\\b", 0.45),
            phrase("\\b(spam|scam)\\b", 0.5),
            phrase("^stop\\b(?!\\s+(by|in|over|out|at|for))", 0.9));

    private static final Pattern NOT_STOP = Pattern.compile("\\bstop\\s+(by|in|over|at)\\b");

    private record Phrase(Pattern pattern, double confidence) {
    }

    private static Phrase phrase(String regex, double confidence) {
        return new Phrase(Pattern.compile(regex), confidence);
    }

    private OptOutReader() {
    }

    public static Reading read(String body) {
        String text = normalise(body);
        if (text.isEmpty()) {
            return new Reading(Intent.NONE, 0, "");
        }
        // The carrier keywords: the whole message, whatever the case or punctuation.
        if (STOP_WORDS.contains(text)) {
            return new Reading(Intent.STOP, 1.0, text);
        }
        if (START_WORDS.contains(text)) {
            return new Reading(Intent.START, 1.0, text);
        }
        if (HELP_WORDS.contains(text)) {
            return new Reading(Intent.HELP, 1.0, text);
        }
        // A keyword misspelt by one letter or two swapped ("stpo", "unsubscibe"), alone in the message.
        if (!text.contains(" ") && text.length() >= 4) {
            for (String word : STOP_WORDS) {
                if (!word.contains(" ") && word.length() >= 4 && damerauOne(text, word)) {
                    return new Reading(Intent.STOP, 0.85, text + " (read as " + word + ")");
                }
            }
        }
        if (NOT_STOP.matcher(text).find() && !text.matches(".*\\b(texting|messaging|contacting|calling)\\b.*")) {
            return new Reading(Intent.NONE, 0, "stop by");
        }
        Reading best = new Reading(Intent.NONE, 0, "");
        for (Phrase p : PHRASES) {
            var m = p.pattern().matcher(text);
            if (m.find() && p.confidence() > best.confidence()) {
                best = new Reading(Intent.STOP, p.confidence(), m.group());
            }
        }
        return best;
    }

    /** Lower case, accents and punctuation gone, spaces collapsed: "STOP!!!" and " Stop. " read alike. */
    static String normalise(String body) {
        String s = Normalizer.normalize(body, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        s = s.replaceAll("[^a-z0-9' #]+", " ").replaceAll("\\s+", " ").strip();
        if (s.matches("([a-z] )+[a-z]")) {
            s = s.replace(" ", ""); // "s t o p"
        }
        return s;
    }

    /** Whether two words differ by one insertion, deletion, substitution or swap of neighbours. */
    static boolean damerauOne(String a, String b) {
        if (a.equals(b) || Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        if (a.length() == b.length()) {
            int first = -1;
            int diffs = 0;
            for (int i = 0; i < a.length(); i++) {
                if (a.charAt(i) != b.charAt(i)) {
                    if (first < 0) {
                        first = i;
                    }
                    diffs++;
                }
            }
            if (diffs == 1) {
                return true;
            }
            return diffs == 2 && first + 1 < a.length() && a.charAt(first) == b.charAt(first + 1)
                    && a.charAt(first + 1) == b.charAt(first);
        }
        String longer = a.length() > b.length() ? a : b;
        String shorter = a.length() > b.length() ? b : a;
        for (int i = 0; i < longer.length(); i++) {
            if ((longer.substring(0, i) + longer.substring(i + 1)).equals(shorter)) {
                return true;
            }
        }
        return false;
    }
}

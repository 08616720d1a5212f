package dev.ridgeline.voice.agent;

import java.time.Year;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The offline understanding: phrase rules over the words of a speech result (lower case, numbers as digits), checked
 * in order of what matters most: an opt-out wins over anything else said with it, then a wrong number, no interest,
 * a request to call later, someone else answering, questions about the caller, and only then the answer to the
 * question asked. Good enough for the short answers a qualification call gets; anything it cannot place is
 * {@link Intent#OTHER}, and the agent asks again.
 */
public final class RulesUnderstanding implements Understanding {

    private static final List<String> STOP = List.of("stop calling", "dont call", "do not call", "don t call",
            "take me off", "take my number off", "remove me", "remove my number", "remove this number", "never call",
            "quit calling", "stop contacting", "lose my number", "put me on your do not", "unsubscribe", "stop");
    private static final List<String> WRONG = List.of("wrong number", "no one by that name", "nobody by that name",
            "no one here by that name", "nobody here by that name", "doesnt live here", "does not live here",
            "dont know who that is", "you have the wrong", "never heard of", "no such person");
    private static final List<String> NOT_INTERESTED = List.of("not interested", "no interest", "dont need",
            "do not need", "we are good", "were good", "were fine", "we re good", "already have a roofer",
            "already got a roofer", "have our own roofer", "no need", "not looking", "dont want");
    private static final List<String> LATER = List.of("call me back", "call back", "call later", "call me later",
            "busy right now", "im busy", "i am busy", "not a good time", "bad time", "in a meeting", "im driving",
            "i am driving", "at work right now", "can you call", "try again", "another time", "later today");
    private static final List<String> SOMEONE_ELSE = List.of("not home", "isnt home", "is not home", "isnt here",
            "is not here", "not here right now", "not available", "this is his wife", "this is her husband",
            "this is his", "this is her", "im his", "im her", "i am his", "i am her", "he is at work", "hes at work",
            "she is at work", "shes at work", "im the tenant", "i rent", "we rent", "renting", "the landlord",
            "talk to my husband", "talk to my wife", "speak to my husband", "speak to my wife", "he passed",
            "she passed", "hes out", "shes out", "they re not", "theyre not", "babysitter", "housekeeper");
    private static final List<String> WHO = List.of("who is this", "whos this", "who are you", "who is calling",
            "whos calling", "what company", "where are you calling from", "who do you work for", "what is this about",
            "whats this about", "how did you get my number");
    private static final List<String> ROBOT = List.of("robot", "a computer", "real person", "a machine", "is this ai",
            "are you ai", "artificial", "a human", "automated", "a recording", "a bot");
    private static final List<String> FILED = List.of("already filed", "we filed", "i filed", "filed a claim",
            "filed one", "we did file", "have a claim", "got a claim", "claim number", "adjuster", "insurance is coming",
            "insurance came", "already called insurance", "already called the insurance", "claim open", "open claim");
    private static final List<String> UNSURE = List.of("dont know", "do not know", "not sure", "no idea",
            "cant remember", "can not remember", "cannot remember", "dont remember", "maybe", "i think so not sure",
            "couldnt tell you", "could not tell you", "no clue", "unsure", "hard to say");
    private static final List<String> NO = List.of("no", "nope", "nah", "not really", "not that i know",
            "not that i ve", "not that ive", "havent", "have not", "didnt", "did not", "none", "never", "not yet",
            "no sir", "no maam", "negative", "nothing", "not at all", "neither", "doesnt work", "does not work",
            "none of those", "dont think so", "i dont think", "not any", "no leaks", "no damage");
    private static final List<String> YES = List.of("yes", "yeah", "yep", "yup", "sure", "correct", "thats right",
            "that is right", "speaking", "this is he", "this is she", "it is", "i am", "uh huh", "absolutely",
            "definitely", "of course", "we did", "we have", "i have", "i did", "a little", "some", "a few", "right",
            "thats me", "that s me", "you got it", "affirmative", "ok", "okay", "sounds good", "that works", "works",
            "perfect", "please", "i think so", "we noticed", "there is", "there are", "a couple", "a bit");
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(Map.entry("zero", 0), Map.entry("one", 1),
            Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6),
            Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
            Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("thirteen", 13), Map.entry("fourteen", 14),
            Map.entry("fifteen", 15), Map.entry("sixteen", 16), Map.entry("seventeen", 17), Map.entry("eighteen", 18),
            Map.entry("nineteen", 19), Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("forty", 40),
            Map.entry("fifty", 50), Map.entry("sixty", 60), Map.entry("a couple", 2), Map.entry("a dozen", 12));
    private static final List<String> ORDINALS = List.of("first", "second", "third", "fourth", "fifth");
    private static final Pattern YEARS = Pattern.compile("\\b(\\d{1,2})\\s*(?:or so\\s*)?(?:years?|yrs?)\\b");
    private static final Pattern BUILT_IN = Pattern.compile("\\b(19[5-9]\\d|20[0-4]\\d)\\b");
    private static final Pattern BARE_NUMBER = Pattern.compile("^(?:about |around |maybe |roughly |probably |oh |um |uh |"
            + "i d say |id say |like |its |it s |over |almost |nearly )*(\\d{1,2})(?: or so| ish)?$");
    private static final Pattern WHEN = Pattern.compile("\\b(tomorrow|tonight|today|this (?:morning|afternoon|evening)|"
            + "next week|(?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: (?:morning|afternoon|"
            + "evening))?|in (?:an|\\d+) hours?|(?:at|after|around) \\d{1,2}(?::\\d{2})?(?: ?[ap]\\.? ?m\\.?)?|"
            + "\\d{1,2}(?::\\d{2})? ?[ap]\\.? ?m\\.?|(?:in the )?(?:morning|afternoon|evening)|noon|later)\\b");

    private final int currentYear;

    public RulesUnderstanding() {
        this(Year.now().getValue());
    }

    /** With the year against which "built in 2008" is read. */
    public RulesUnderstanding(int currentYear) {
        this.currentYear = currentYear;
    }

    @Override
    public Understood understand(Question asked, String said, List<String> offeredTimes) {
        String t = normalise(said);
        if (t.isBlank()) {
            return Understood.of(Intent.SILENCE, said);
        }
        if (has(t, STOP) && !(asked == Question.CLAIM && t.equals("stop"))) {
            return Understood.of(Intent.STOP_CALLING, said);
        }
        if (has(t, WRONG)) {
            return Understood.of(Intent.WRONG_NUMBER, said);
        }
        if (has(t, NOT_INTERESTED) || ((asked == Question.OWNER || asked == Question.TIMES)
                && (t.startsWith("no thank") || t.equals("no thanks")))) {
            return Understood.of(Intent.NOT_INTERESTED, said);
        }
        if (has(t, LATER) || (asked == Question.CALLBACK_TIME && when(t) != null)) {
            return new Understood(Intent.CALL_LATER, null, null, when(t), said);
        }
        if (asked == Question.OWNER && has(t, SOMEONE_ELSE)) {
            return Understood.of(Intent.SOMEONE_ELSE, said);
        }
        if (has(t, ROBOT)) {
            return Understood.of(Intent.ARE_YOU_A_ROBOT, said);
        }
        if (has(t, WHO)) {
            return Understood.of(Intent.WHO_IS_THIS, said);
        }
        return switch (asked) {
            case ROOF_AGE -> age(t, said);
            case CLAIM -> has(t, FILED) ? Understood.of(Intent.ALREADY_FILED, said) : yesNo(t, said, true);
            case TIMES -> choice(t, said, offeredTimes);
            case CALLBACK_TIME -> has(t, UNSURE) ? Understood.of(Intent.UNSURE, said) : yesNo(t, said, false);
            case OWNER -> has(t, SOMEONE_ELSE) ? Understood.of(Intent.SOMEONE_ELSE, said) : yesNo(t, said, false);
            default -> yesNo(t, said, true);
        };
    }

    private Understood age(String t, String said) {
        Matcher m = YEARS.matcher(t);
        if (m.find()) {
            return new Understood(Intent.YEARS, Integer.parseInt(m.group(1)), null, null, said);
        }
        m = BUILT_IN.matcher(t);
        if (m.find()) {
            return new Understood(Intent.YEARS, Math.max(0, currentYear - Integer.parseInt(m.group(1))), null, null, said);
        }
        if (t.contains("brand new") || t.contains("new roof") || t.contains("last year") || t.contains("just replaced")
                || t.contains("just put")) {
            return new Understood(Intent.YEARS, 1, null, null, said);
        }
        m = BARE_NUMBER.matcher(t);
        if (m.find()) {
            return new Understood(Intent.YEARS, Integer.parseInt(m.group(1)), null, null, said);
        }
        if (has(t, UNSURE) || t.contains("original") || t.contains("came with the house")) {
            return Understood.of(Intent.UNSURE, said);
        }
        return Understood.of(Intent.OTHER, said);
    }

    private Understood choice(String t, String said, List<String> offered) {
        for (int i = 0; i < ORDINALS.size() && i < offered.size(); i++) {
            if (t.contains("the " + ORDINALS.get(i)) || t.startsWith(ORDINALS.get(i)) || t.contains(ORDINALS.get(i) + " one")) {
                return new Understood(Intent.CHOICE, null, i, null, said);
            }
        }
        if (t.contains("last one") || t.contains("the last")) {
            return new Understood(Intent.CHOICE, null, offered.size() - 1, null, said);
        }
        // A day or an hour named in exactly one of the offers.
        Integer match = null;
        int matches = 0;
        for (int i = 0; i < offered.size(); i++) {
            String o = normalise(offered.get(i));
            boolean hit = false;
            for (String word : t.split(" ")) {
                if (word.length() >= 3 && List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                        "sunday", "morning", "afternoon", "tomorrow").contains(word) && o.contains(word)) {
                    hit = true;
                }
            }
            Matcher hour = Pattern.compile("\\b(\\d{1,2})(?::(\\d{2}))?\\b").matcher(t);
            while (hour.find()) {
                if (o.matches(".*\\bat " + hour.group(1) + "(?::|\\b).*")) {
                    hit = true;
                }
            }
            if (hit) {
                match = i;
                matches++;
            }
        }
        if (matches == 1) {
            return new Understood(Intent.CHOICE, null, match, null, said);
        }
        if (has(t, NO)) {
            return Understood.of(Intent.NO, said);
        }
        if (offered.size() == 1 && has(t, YES)) {
            return new Understood(Intent.CHOICE, null, 0, null, said);
        }
        if (has(t, YES)) {
            return Understood.of(Intent.YES, said);
        }
        return Understood.of(Intent.OTHER, said);
    }

    private static Understood yesNo(String t, String said, boolean unsureCounts) {
        if (unsureCounts && has(t, UNSURE)) {
            return Understood.of(Intent.UNSURE, said);
        }
        boolean no = has(t, NO);
        boolean yes = has(t, YES);
        // "We have not", "I did not": a yes-sounding start negated at once is a no.
        boolean negatedStart = YES.stream().anyMatch(p -> t.startsWith(p + " not") || t.startsWith(p + " never"));
        if (no && (negatedStart || !(yes && startsWithAny(t, YES) && !startsWithAny(t, NO)))) {
            return Understood.of(Intent.NO, said);
        }
        if (yes) {
            return Understood.of(Intent.YES, said);
        }
        return Understood.of(Intent.OTHER, said);
    }

    static @Nullable String when(String normalised) {
        Matcher m = WHEN.matcher(normalised);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            if (!m.group(1).equals("later") || out.isEmpty()) {
                out.append(out.isEmpty() ? "" : " ").append(m.group(1));
            }
        }
        return out.isEmpty() ? null : out.toString();
    }

    /** Lower case, apostrophes dropped, punctuation to spaces, number words to digits ("twenty five" to 25). */
    static String normalise(String said) {
        String t = said.toLowerCase(Locale.ROOT).replace("'", "").replace("’", "")
                .replaceAll("[^a-z0-9: ]", " ").replaceAll("\\s+", " ").strip();
        for (String tens : List.of("twenty", "thirty", "forty", "fifty", "sixty")) {
            for (String unit : List.of("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")) {
                t = t.replaceAll("\\b" + tens + "[ -]" + unit + "\\b",
                        String.valueOf(NUMBERS.get(tens) + NUMBERS.get(unit)));
            }
        }
        for (Map.Entry<String, Integer> n : NUMBERS.entrySet()) {
            if (!n.getKey().equals("one") || t.matches(".*\\bone (?:year|yr).*")) {
                t = t.replaceAll("\\b" + n.getKey() + "\\b(?= (?:years?|yrs?|or so|ish)|$)", String.valueOf(n.getValue()));
            }
        }
        return t;
    }

    private static boolean has(String t, List<String> phrases) {
        String padded = " " + t + " ";
        for (String p : phrases) {
            if (padded.contains(" " + p + " ")) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithAny(String t, List<String> phrases) {
        for (String p : phrases) {
            if (t.equals(p) || t.startsWith(p + " ")) {
                return true;
            }
        }
        return false;
    }
}

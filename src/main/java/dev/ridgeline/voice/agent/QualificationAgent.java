package dev.ridgeline.voice.agent;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The qualification call: it says it is an automated assistant and for whom, confirms it reached the homeowner, asks
 * about the roof (age, leaks, damage since the storm), whether a claim was filed, and offers inspection times. Along
 * the way it handles "not interested", "stop calling me" (an opt-out), "call me later", a wrong number, someone else
 * answering, questions about who is calling, silence and being interrupted. One object per call, fed turn by turn;
 * it holds no telephony and no clock, so the same dialogue runs on {@code <Gather>}, on a live stream and in tests.
 */
public final class QualificationAgent {

    /** Where the dialogue is. */
    public enum Stage {
        GREETING, ROOF_AGE, LEAKS, DAMAGE, CLAIM, TIMES, CALLBACK_TIME, ENDED
    }

    /** How the call ended. */
    public enum Result {
        BOOKED, NOT_INTERESTED, OPTED_OUT, CALL_BACK, WRONG_NUMBER, NO_RESPONSE, HUNG_UP
    }

    /** A claim as the homeowner put it. */
    public enum Claim {
        FILED, NOT_FILED, UNKNOWN
    }

    /**
     * What the agent says for whom: the company, the agent's name, the homeowner's first name (may be blank), the
     * storm's day and street (either may be missing), the tone ({@code friendly} or {@code brief}), the inspection
     * times on offer, in words, and whether the call is recorded (then the opening says so: the callee may be in a
     * state where every party must know).
     */
    public record Script(String company, String agentName, String ownerFirstName, @Nullable LocalDate stormDate,
            @Nullable String street, String tone, List<String> times, boolean recorded, boolean inbound) {

        public Script(String company, String agentName, String ownerFirstName, @Nullable LocalDate stormDate,
                @Nullable String street, String tone, List<String> times, boolean recorded) {
            this(company, agentName, ownerFirstName, stormDate, street, tone, times, recorded, false);
        }
    }

    /** What the agent says next; {@code done} when the call should end after it. */
    public record Reply(String say, boolean done, Stage stage, Question asking) {
    }

    /** One line of the conversation. */
    public record Line(String who, String text) {
    }

    /** What the call established. {@code choice} is the booked time's index in the script's times. */
    public record Outcome(Result result, boolean ownerConfirmed, boolean someoneElse, @Nullable Integer roofAgeYears,
            @Nullable Boolean leaks, @Nullable Boolean damageNoticed, Claim claim, @Nullable Integer choice,
            @Nullable String callBackWhen, List<String> objections, boolean qualified) {
    }

    /** Everything the dialogue holds between turns, for keeping it between webhooks (and nodes). */
    public record Snapshot(Stage stage, Question asking, int misses, boolean ownerConfirmed, boolean someoneElse,
            @Nullable Integer roofAge, @Nullable Boolean leaks, @Nullable Boolean damage, Claim claim,
            @Nullable Integer choice, @Nullable String callBackWhen, Result result, List<Line> transcript,
            List<String> objections) {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMMM d", Locale.US);

    private final Script script;
    private final Understanding understanding;
    private final List<Line> transcript = new ArrayList<>();
    private final List<String> objections = new ArrayList<>();
    private Stage stage = Stage.GREETING;
    private Question asking = Question.OWNER;
    private int misses;
    private boolean ownerConfirmed;
    private boolean someoneElse;
    private @Nullable Integer roofAge;
    private @Nullable Boolean leaks;
    private @Nullable Boolean damage;
    private Claim claim = Claim.UNKNOWN;
    private @Nullable Integer choice;
    private @Nullable String callBackWhen;
    private Result result = Result.HUNG_UP;

    public QualificationAgent(Script script, Understanding understanding) {
        this.script = script;
        this.understanding = understanding;
    }

    /** The dialogue as it stood, to go on from. */
    public static QualificationAgent restore(Script script, Understanding understanding, Snapshot s) {
        QualificationAgent a = new QualificationAgent(script, understanding);
        a.stage = s.stage();
        a.asking = s.asking();
        a.misses = s.misses();
        a.ownerConfirmed = s.ownerConfirmed();
        a.someoneElse = s.someoneElse();
        a.roofAge = s.roofAge();
        a.leaks = s.leaks();
        a.damage = s.damage();
        a.claim = s.claim();
        a.choice = s.choice();
        a.callBackWhen = s.callBackWhen();
        a.result = s.result();
        a.transcript.addAll(s.transcript());
        a.objections.addAll(s.objections());
        return a;
    }

    public Snapshot snapshot() {
        return new Snapshot(stage, asking, misses, ownerConfirmed, someoneElse, roofAge, leaks, damage, claim, choice,
                callBackWhen, result, List.copyOf(transcript), List.copyOf(objections));
    }

    /** The question being asked, for the speech recogniser's hints. */
    public Question asking() {
        return asking;
    }

    /** The opening: the AI disclosure first, then why it calls, then whether this is the homeowner. */
    public Reply start() {
        String storm = script.stormDate() == null ? "the recent storms"
                : "the hailstorm on " + script.stormDate().format(DAY);
        String where = script.street() == null || script.street().isBlank() ? "" : " near " + script.street();
        String who = script.ownerFirstName().isBlank() ? "the homeowner" : script.ownerFirstName() + ", the homeowner";
        String recorded = script.recorded() ? " This call is recorded." : "";
        if (script.inbound()) {
            // The homeowner called back: the company answers, and the storm is why it had called.
            return say("Thanks for calling " + script.company() + ". This is " + script.agentName()
                    + ", an automated assistant." + recorded + " We called you about " + storm + where
                    + ". Am I speaking with " + who + "?", Stage.GREETING, Question.OWNER, false);
        }
        String say = brief()
                ? "Hi, this is " + script.agentName() + ", an automated assistant for " + script.company() + "."
                        + recorded + " About " + storm + where + ": am I speaking with " + who + "?"
                : "Hi, this is " + script.agentName() + ", an automated assistant calling for " + script.company()
                        + ", a local roofing company." + recorded + " I'm calling about " + storm + where
                        + ". Am I speaking with " + who + "?";
        return say(say, Stage.GREETING, Question.OWNER, false);
    }

    /**
     * The caller's next words (empty for silence). {@code bargedIn}: they spoke over the agent, which stopped talking;
     * what they said is taken as the answer, and the agent goes on from there rather than repeating itself.
     */
    public Reply hear(String said, boolean bargedIn) {
        if (stage == Stage.ENDED) {
            throw new IllegalStateException("the call has ended");
        }
        if (!said.isBlank()) {
            transcript.add(new Line("caller", said.strip() + (bargedIn ? " (interrupting)" : "")));
        }
        Understood u = understanding.understand(asking, said, script.times());
        switch (u.intent()) {
            case STOP_CALLING:
                objections.add(said.strip());
                return end(Result.OPTED_OUT, "Understood. I've taken your number off our list, and " + script.company()
                        + " won't call you again. Goodbye.");
            case WRONG_NUMBER:
                return end(Result.WRONG_NUMBER, "I'm sorry about that, I must have the wrong number. I'll make sure we "
                        + "don't call it again. Goodbye.");
            case NOT_INTERESTED:
                objections.add(said.strip());
                return end(Result.NOT_INTERESTED, "No problem at all. Thank you for your time, and if you ever notice "
                        + "anything on your roof, " + script.company() + " is glad to help. Goodbye.");
            case CALL_LATER:
                callBackWhen = u.when();
                if (callBackWhen == null && asking != Question.CALLBACK_TIME) {
                    return say("Of course. When would be a better time to call?", Stage.CALLBACK_TIME,
                            Question.CALLBACK_TIME, false);
                }
                return end(Result.CALL_BACK, "Sure, we'll call back " + (callBackWhen == null ? "another time"
                        : callBackWhen) + ". Thank you, goodbye.");
            case SOMEONE_ELSE:
                someoneElse = true;
                return say("No problem. When would be a good time to reach "
                        + (script.ownerFirstName().isBlank() ? "the homeowner" : script.ownerFirstName()) + "?",
                        Stage.CALLBACK_TIME, Question.CALLBACK_TIME, false);
            case ARE_YOU_A_ROBOT:
                return say("Yes, I'm an automated assistant calling for " + script.company() + ". I can book a free roof "
                        + "inspection, or have a person call you back. " + question(asking), stage, asking, false);
            case WHO_IS_THIS:
                return say("This is " + script.agentName() + ", an automated assistant for " + script.company()
                        + ", a roofing company. " + question(asking), stage, asking, false);
            case SILENCE:
            case OTHER:
                return miss(u.intent() == Intent.SILENCE);
            default:
                misses = 0;
                return answer(u, bargedIn);
        }
    }

    private Reply answer(Understood u, boolean bargedIn) {
        switch (asking) {
            case OWNER -> {
                if (u.intent() == Intent.NO) {
                    someoneElse = true;
                    return say("Sorry about that. When would be a good time to reach "
                            + (script.ownerFirstName().isBlank() ? "the homeowner" : script.ownerFirstName()) + "?",
                            Stage.CALLBACK_TIME, Question.CALLBACK_TIME, false);
                }
                ownerConfirmed = true;
                return ask(Stage.ROOF_AGE, Question.ROOF_AGE, brief() ? "Thanks. " : "Thanks for taking my call. ");
            }
            case ROOF_AGE -> {
                roofAge = u.intent() == Intent.YEARS ? u.years() : null;
                return ask(Stage.LEAKS, Question.LEAKS, roofAge == null ? "That's fine. " : "Got it. ");
            }
            case LEAKS -> {
                leaks = yes(u);
                return ask(Stage.DAMAGE, Question.DAMAGE, Boolean.TRUE.equals(leaks) ? "I'm sorry to hear that. " : "");
            }
            case DAMAGE -> {
                damage = yes(u);
                return ask(Stage.CLAIM, Question.CLAIM, Boolean.TRUE.equals(damage) ? "Thanks, that helps. " : "");
            }
            case CLAIM -> {
                claim = u.intent() == Intent.ALREADY_FILED || u.intent() == Intent.YES ? Claim.FILED
                        : u.intent() == Intent.NO ? Claim.NOT_FILED : Claim.UNKNOWN;
                if (script.times().isEmpty()) {
                    return end(Result.CALL_BACK, "Thank you. Someone from " + script.company() + " will call you to set "
                            + "up a free inspection. Goodbye.");
                }
                return ask(Stage.TIMES, Question.TIMES, claim == Claim.FILED
                        ? "Good, we work with your insurance adjuster too. " : "");
            }
            case TIMES -> {
                if (u.intent() == Intent.CHOICE && u.choice() != null) {
                    choice = u.choice();
                    result = Result.BOOKED;
                    return end(Result.BOOKED, "You're booked for a free roof inspection on " + script.times().get(choice)
                            + ". You'll get a confirmation by text. Thank you, goodbye.");
                }
                if (u.intent() == Intent.NO) {
                    return say("No problem. When would suit you better? Someone will call you back to set it up.",
                            Stage.CALLBACK_TIME, Question.CALLBACK_TIME, false);
                }
                return say("Which one works best: " + String.join(", or ", script.times()) + "?", Stage.TIMES,
                        Question.TIMES, false);
            }
            case CALLBACK_TIME -> {
                callBackWhen = u.when();
                return end(Result.CALL_BACK, "Thank you, we'll call back another time. Goodbye.");
            }
            default -> {
                return miss(false);
            }
        }
    }

    /** Silence or words it cannot place: ask once more, then move on (or let the caller go after two silences). */
    private Reply miss(boolean silence) {
        misses++;
        if (misses >= 2) {
            if (silence || stage == Stage.GREETING || stage == Stage.TIMES || stage == Stage.CALLBACK_TIME) {
                return end(stage == Stage.CALLBACK_TIME || stage == Stage.TIMES ? Result.CALL_BACK : Result.NO_RESPONSE,
                        "I'll let you go for now. Thank you, goodbye.");
            }
            misses = 0;
            return switch (asking) {
                case ROOF_AGE -> ask(Stage.LEAKS, Question.LEAKS, "Let's move on. ");
                case LEAKS -> ask(Stage.DAMAGE, Question.DAMAGE, "Let's move on. ");
                case DAMAGE -> ask(Stage.CLAIM, Question.CLAIM, "Let's move on. ");
                default -> script.times().isEmpty() ? end(Result.CALL_BACK, "Someone will call you. Goodbye.")
                        : ask(Stage.TIMES, Question.TIMES, "Let's move on. ");
            };
        }
        return say((silence ? "Sorry, I didn't catch that. " : "Sorry, could you say that another way? ")
                + question(asking), stage, asking, false);
    }

    private Reply ask(Stage next, Question q, String lead) {
        return say(lead + question(q), next, q, false);
    }

    private String question(Question q) {
        String storm = script.stormDate() == null ? "the storm" : "the storm on " + script.stormDate().format(DAY);
        return switch (q) {
            case OWNER -> "Am I speaking with the homeowner?";
            case ROOF_AGE -> "Roughly how old is your roof?";
            case LEAKS -> "Have you noticed any leaks or water stains inside?";
            case DAMAGE -> "Since " + storm + ", have you noticed any damage, like missing shingles, dented gutters or "
                    + "granules in the downspouts?";
            case CLAIM -> "Have you filed an insurance claim for it yet?";
            case TIMES -> (brief() ? "" : "We'd like to offer you a free roof inspection. ") + "I have "
                    + String.join(", or ", script.times()) + ". Would one of those work?";
            case CALLBACK_TIME -> "When would be a good time to call back?";
            case NONE -> "";
        };
    }

    private Reply say(String text, Stage next, Question q, boolean done) {
        stage = done ? Stage.ENDED : next;
        asking = done ? Question.NONE : q;
        transcript.add(new Line("agent", text));
        return new Reply(text, done, stage, asking);
    }

    private Reply end(Result how, String text) {
        result = how;
        return say(text, Stage.ENDED, Question.NONE, true);
    }

    /** The caller hung up (or the line dropped) before the end. */
    public void hungUp() {
        if (stage != Stage.ENDED) {
            stage = Stage.ENDED;
            asking = Question.NONE;
            result = Result.HUNG_UP;
        }
    }

    private static @Nullable Boolean yes(Understood u) {
        return u.intent() == Intent.YES ? Boolean.TRUE : u.intent() == Intent.NO ? Boolean.FALSE : null;
    }

    private boolean brief() {
        return "brief".equals(script.tone());
    }

    public Stage stage() {
        return stage;
    }

    public List<Line> transcript() {
        return List.copyOf(transcript);
    }

    /** What the call established; qualified = the homeowner, with leaks, damage, a claim or a roof of 15 years or more. */
    public Outcome outcome() {
        boolean qualified = ownerConfirmed && (Boolean.TRUE.equals(leaks) || Boolean.TRUE.equals(damage)
                || claim == Claim.FILED || (roofAge != null && roofAge >= 15));
        return new Outcome(result, ownerConfirmed, someoneElse, roofAge, leaks, damage, claim, choice, callBackWhen,
                List.copyOf(objections), qualified);
    }
}

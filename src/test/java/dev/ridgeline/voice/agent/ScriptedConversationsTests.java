package dev.ridgeline.voice.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ridgeline.voice.agent.QualificationAgent.Claim;
import dev.ridgeline.voice.agent.QualificationAgent.Outcome;
import dev.ridgeline.voice.agent.QualificationAgent.Result;

/**
 * Scripted calls through the qualification agent with the offline understanding: each a homeowner's (or someone
 * else's) words turn by turn, and the outcome it must come to. A turn starting with "!" interrupts the agent; an empty
 * turn is silence.
 */
class ScriptedConversationsTests {

    static final List<String> TIMES = List.of("Tuesday, December 1 at 10 am", "Tuesday, December 1 at 2 pm",
            "Wednesday, December 2 at 9 am");

    static QualificationAgent agent(String tone) {
        return new QualificationAgent(new QualificationAgent.Script("Skyview Roofing", "Ava", "Dana",
                LocalDate.of(2026, 11, 20), "Elm Hill Pike", tone, TIMES, true), new RulesUnderstanding(2026));
    }

    /** Runs the turns; the call must end exactly at the last one. */
    static Outcome call(List<String> turns) {
        QualificationAgent a = agent("friendly");
        a.start();
        for (int i = 0; i < turns.size(); i++) {
            String t = turns.get(i);
            boolean barge = t.startsWith("!");
            QualificationAgent.Reply r = a.hear(barge ? t.substring(1) : t, barge);
            assertThat(r.done()).as("ends at turn %d of %d (%s); transcript %s", i + 1, turns.size(), t, a.transcript())
                    .isEqualTo(i == turns.size() - 1);
        }
        return a.outcome();
    }

    static Arguments conversation(String name, List<String> turns, Consumer<Outcome> expect) {
        return Arguments.of(name, turns, expect);
    }

    static Stream<Arguments> conversations() {
        return Stream.of(
                conversation("books the first time offered", List.of("Yes, speaking", "About 18 years",
                        "No", "Yeah, a few shingles are missing", "Not yet", "The first one works"), o -> {
                            assertThat(o.result()).isEqualTo(Result.BOOKED);
                            assertThat(o.choice()).isZero();
                            assertThat(o.roofAgeYears()).isEqualTo(18);
                            assertThat(o.leaks()).isFalse();
                            assertThat(o.damageNoticed()).isTrue();
                            assertThat(o.claim()).isEqualTo(Claim.NOT_FILED);
                            assertThat(o.qualified()).isTrue();
                        }),
                conversation("books by naming the day", List.of("this is she", "it was put on in 2009", "yes in the "
                        + "bedroom ceiling", "not that I know of", "we already filed a claim, the adjuster is coming",
                        "Wednesday is better"), o -> {
                            assertThat(o.result()).isEqualTo(Result.BOOKED);
                            assertThat(o.choice()).isEqualTo(2);
                            assertThat(o.roofAgeYears()).isEqualTo(17);
                            assertThat(o.leaks()).isTrue();
                            assertThat(o.claim()).isEqualTo(Claim.FILED);
                        }),
                conversation("books by naming the hour", List.of("yep", "fifteen", "nope", "nope", "no",
                        "2 works for me"), o -> {
                            assertThat(o.result()).isEqualTo(Result.BOOKED);
                            assertThat(o.choice()).isEqualTo(1);
                            assertThat(o.roofAgeYears()).isEqualTo(15);
                            assertThat(o.qualified()).as("15 years is old enough").isTrue();
                        }),
                conversation("a new roof with no damage is not qualified but may still book", List.of("yes",
                        "brand new, we just replaced it", "no", "no", "no", "second one"), o -> {
                            assertThat(o.result()).isEqualTo(Result.BOOKED);
                            assertThat(o.roofAgeYears()).isEqualTo(1);
                            assertThat(o.qualified()).isFalse();
                        }),
                conversation("a negated yes is a no (as the recogniser hears it)", List.of("yes", "twenty years",
                        "we have a leak", "we have not seen any damage", "we have not call the insurance",
                        "the first one"), o -> {
                            assertThat(o.result()).isEqualTo(Result.BOOKED);
                            assertThat(o.leaks()).isTrue();
                            assertThat(o.damageNoticed()).isFalse();
                            assertThat(o.claim()).isEqualTo(Claim.NOT_FILED);
                        }),
                conversation("not interested at the start", List.of("No thanks, not interested"), o -> {
                    assertThat(o.result()).isEqualTo(Result.NOT_INTERESTED);
                    assertThat(o.objections()).containsExactly("No thanks, not interested");
                }),
                conversation("not interested halfway", List.of("yes", "20 years", "look we already have a roofer"),
                        o -> {
                            assertThat(o.result()).isEqualTo(Result.NOT_INTERESTED);
                            assertThat(o.roofAgeYears()).isEqualTo(20);
                        }),
                conversation("stop calling me", List.of("Stop calling me"), o -> assertThat(o.result())
                        .isEqualTo(Result.OPTED_OUT)),
                conversation("take me off your list, said angrily in the middle", List.of("yeah", "I don't know",
                        "Take me off your list and don't call this number again"), o -> {
                            assertThat(o.result()).isEqualTo(Result.OPTED_OUT);
                            assertThat(o.roofAgeYears()).isNull();
                        }),
                conversation("an opt-out said over the greeting", List.of("!do not call me"), o -> assertThat(o.result())
                        .isEqualTo(Result.OPTED_OUT)),
                conversation("call me later with a time", List.of("I'm driving, can you call me back tomorrow at 5"),
                        o -> {
                            assertThat(o.result()).isEqualTo(Result.CALL_BACK);
                            assertThat(o.callBackWhen()).isEqualTo("tomorrow at 5");
                        }),
                conversation("call me later, then the time", List.of("yes", "this is a bad time",
                        "Thursday afternoon"), o -> {
                            assertThat(o.result()).isEqualTo(Result.CALL_BACK);
                            assertThat(o.callBackWhen()).isEqualTo("thursday afternoon");
                            assertThat(o.ownerConfirmed()).isTrue();
                        }),
                conversation("wrong number", List.of("There's nobody by that name here"), o -> assertThat(o.result())
                        .isEqualTo(Result.WRONG_NUMBER)),
                conversation("the spouse answers", List.of("This is his wife, he's at work", "after 6 tonight"), o -> {
                    assertThat(o.result()).isEqualTo(Result.CALL_BACK);
                    assertThat(o.someoneElse()).isTrue();
                    assertThat(o.ownerConfirmed()).isFalse();
                    assertThat(o.callBackWhen()).isEqualTo("after 6 tonight");
                }),
                conversation("a tenant answers", List.of("we rent, you'd want the landlord", "I don't know"), o -> {
                    assertThat(o.result()).isEqualTo(Result.CALL_BACK);
                    assertThat(o.someoneElse()).isTrue();
                    assertThat(o.callBackWhen()).isNull();
                }),
                conversation("no, it is not the homeowner", List.of("no", "try Monday morning"), o -> {
                    assertThat(o.result()).isEqualTo(Result.CALL_BACK);
                    assertThat(o.callBackWhen()).isEqualTo("monday morning");
                }),
                conversation("silence twice", List.of("", ""), o -> assertThat(o.result()).isEqualTo(Result.NO_RESPONSE)),
                conversation("silence once, then an answer", List.of("", "yes", "around 12 years", "no", "no",
                        "not sure", "first"), o -> {
                            assertThat(o.result()).isEqualTo(Result.BOOKED);
                            assertThat(o.claim()).isEqualTo(Claim.UNKNOWN);
                            assertThat(o.roofAgeYears()).isEqualTo(12);
                        }),
                conversation("asks whether it is a robot, then goes on", List.of("wait, is this a robot?", "ok yes",
                        "25 years", "yes", "yes", "no", "first one"), o -> {
                            assertThat(o.result()).isEqualTo(Result.BOOKED);
                            assertThat(o.leaks()).isTrue();
                        }),
                conversation("asks who is calling, then goes on", List.of("who is this?", "yes that's me",
                        "not sure, it came with the house", "no", "yes hail dented the gutters", "yes we did",
                        "the last one"), o -> {
                            assertThat(o.result()).isEqualTo(Result.BOOKED);
                            assertThat(o.choice()).isEqualTo(2);
                            assertThat(o.roofAgeYears()).isNull();
                            assertThat(o.claim()).isEqualTo(Claim.FILED);
                        }),
                conversation("none of the times work", List.of("yes", "10 years", "no", "no", "no",
                        "none of those work", "next week sometime"), o -> {
                            assertThat(o.result()).isEqualTo(Result.CALL_BACK);
                            assertThat(o.callBackWhen()).isEqualTo("next week");
                            assertThat(o.choice()).isNull();
                        }),
                conversation("interrupts the question with the answer", List.of("!yes speaking", "!about thirty years",
                        "!no", "!yes", "!no", "!the second one"), o -> {
                            assertThat(o.result()).isEqualTo(Result.BOOKED);
                            assertThat(o.roofAgeYears()).isEqualTo(30);
                            assertThat(o.choice()).isEqualTo(1);
                        }),
                conversation("mumbles on a question, which is asked again then skipped", List.of("yes", "hmm well",
                        "the thing is", "no", "no", "no", "first"), o -> {
                            assertThat(o.result()).isEqualTo(Result.BOOKED);
                            assertThat(o.roofAgeYears()).isNull();
                            assertThat(o.leaks()).isFalse();
                        }),
                conversation("says stop when asked about the claim", List.of("yes", "8", "no", "no", "please stop"),
                        o -> assertThat(o.result()).isEqualTo(Result.OPTED_OUT)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conversations")
    void theCallComesToItsOutcome(String name, List<String> turns, Consumer<Outcome> expect) {
        expect.accept(call(turns));
    }

    @Test
    void theOpeningDisclosesTheAssistantBeforeAnythingElse() {
        for (String tone : List.of("friendly", "brief")) {
            String first = agent(tone).start().say();
            assertThat(first).startsWith("Hi, this is Ava, an automated assistant");
            assertThat(first).contains("Skyview Roofing").contains("November 20").contains("Elm Hill Pike")
                    .contains("Dana").contains("This call is recorded.");
            assertThat(first.indexOf("This call is recorded.")).as("before anything is asked").isLessThan(first.indexOf("?"));
        }
        assertThat(agent("brief").start().say().length()).isLessThan(agent("friendly").start().say().length());
    }

    @Test
    void theTranscriptHoldsBothSidesAndMarksInterruptions() {
        QualificationAgent a = agent("friendly");
        a.start();
        a.hear("yes", true);
        a.hear("stop calling", false);
        List<String> who = new ArrayList<>();
        a.transcript().forEach(l -> who.add(l.who()));
        assertThat(who).containsExactly("agent", "caller", "agent", "caller", "agent");
        assertThat(a.transcript().get(1).text()).isEqualTo("yes (interrupting)");
        assertThat(a.stage()).isEqualTo(QualificationAgent.Stage.ENDED);
    }

    @Test
    void aHangUpMidCallIsRecordedAsSuch() {
        QualificationAgent a = agent("friendly");
        a.start();
        a.hear("yes", false);
        a.hungUp();
        assertThat(a.outcome().result()).isEqualTo(Result.HUNG_UP);
        assertThat(a.outcome().ownerConfirmed()).isTrue();
    }
}

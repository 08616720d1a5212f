package dev.ridgeline.sequences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The A/B verdict of a step: a two-proportion z-test, no verdict on too little, and a stable split. */
class AbResultTests {

    @Test
    void aClearDifferenceIsSignificant() {
        // 20 of 200 against 45 of 200: z = 3.39, two-sided p = 0.0007.
        AbResult r = AbResult.of(AbGoal.REPLY, new int[] {200, 20, 200, 45});
        assertThat(r.pValue()).isCloseTo(0.0007, within(0.0002));
        assertThat(r.winner()).isEqualTo("B");
        assertThat(r.verdict()).startsWith("B wins on reply rate (A 10.0% of 200, B 22.5% of 200; p = 0.001)");
    }

    @Test
    void aSmallDifferenceIsNotAndTooLittleGetsNoVerdict() {
        AbResult close = AbResult.of(AbGoal.BOOKED, new int[] {200, 20, 200, 24});
        assertThat(close.winner()).isNull();
        assertThat(close.verdict()).startsWith("no significant difference on booked rate");
        AbResult few = AbResult.of(AbGoal.REPLY, new int[] {10, 1, 10, 6});
        assertThat(few.pValue()).isNaN();
        assertThat(few.verdict()).startsWith("too few results to judge yet");
    }

    @Test
    void theSplitIsStableAndAboutHalf() {
        SequenceStep step = new SequenceStep(1, StepKind.SMS, 0, DelayUnit.MINUTES, StepCondition.ALWAYS, null, null,
                "A text", null, null, "B text", AbGoal.REPLY);
        int b = 0;
        for (int i = 0; i < 10_000; i++) {
            UUID id = UUID.randomUUID();
            String v = step.variantFor(id);
            assertThat(step.variantFor(id)).isEqualTo(v);
            b += v.equals("B") ? 1 : 0;
        }
        assertThat(b).isBetween(4_800, 5_200);
        SequenceStep plain = new SequenceStep(1, StepKind.SMS, 0, DelayUnit.MINUTES, StepCondition.ALWAYS, null,
                "A text", null);
        assertThat(plain.variantFor(UUID.randomUUID())).isEqualTo("A");
    }
}

package dev.ridgeline.outreach.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class VariantComparisonTests {

    @Test
    void theZTestMatchesAWorkedExample() {
        // 10 of 100 against 20 of 100: pooled 0.15, standard error 0.0505, z = 1.980, two-sided p = 0.0477.
        assertThat(VariantComparison.pValue(10, 100, 20, 100)).isCloseTo(0.0477, within(0.0005));
        assertThat(VariantComparison.normalCdf(1.96)).isCloseTo(0.975, within(0.0001));
        assertThat(VariantComparison.pValue(10, 100, 10, 100)).isCloseTo(1.0, within(1e-6));
        assertThat(VariantComparison.pValue(0, 100, 0, 100)).isNaN();
        assertThat(VariantComparison.pValue(1, 0, 0, 10)).isNaN();
        UUID t = UUID.randomUUID();
        var better = VariantComparison.of(stats(t, 100, 10), stats(t, 100, 20));
        assertThat(better.verdict()).startsWith("B gets more replies (A 10.0% of 100, B 20.0% of 100; p = 0.048");
        assertThat(VariantComparison.of(stats(t, 40, 4), stats(t, 40, 5)).verdict())
                .startsWith("no significant difference yet");
    }

    @Test
    void eachRecipientAlwaysGetsTheSameVariantAndHalfGetEach() {
        EmailTemplate withB = new EmailTemplate(UUID.randomUUID(), "t", "A subject", "<p>a</p>", true, true,
                Instant.now(), "B subject", null);
        int b = 0;
        for (int i = 0; i < 2000; i++) {
            String v = withB.variantFor("person" + i + "@example.com");
            assertThat(withB.variantFor(" PERSON" + i + "@Example.com ")).isEqualTo(v);
            b += v.equals("B") ? 1 : 0;
        }
        assertThat(b).isBetween(900, 1100);
        assertThat(new EmailTemplate(UUID.randomUUID(), "t", "s", "b", true, true, Instant.now(), null, null)
                .variantFor("x@example.com")).isEqualTo("A");
        assertThat(withB.draft().variantB().subject()).isEqualTo("B subject");
        assertThat(withB.draft().variantB().bodyHtml()).as("A's body where B has none").isEqualTo("<p>a</p>");
    }

    private static EmailStats stats(UUID t, int sent, int replied) {
        return new EmailStats(t, sent, sent, 0, 0, 0, 0, replied, 0, 0);
    }
}

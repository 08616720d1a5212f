package dev.ridgeline.outreach.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Segment counts against Twilio's own calculator (npm sms-segments-calculator 1.3.0) on 2,733 texts it was run on:
 * every length boundary of both encodings, extension characters and emoji at segment edges, templates, and random
 * mixes of GSM, typography, accents, emoji sequences and other scripts (see the folder's PROVENANCE.md).
 */
class SmsSegmentsTests {

    @Test
    void agreesWithTwiliosCalculatorOnEveryText() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        List<String> disagreements = new ArrayList<>();
        int checked = 0;
        try (InputStream in = getClass().getResourceAsStream("/data/sms-segments/expected.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode expected = json.readTree(line);
                String text = expected.path("text").asString();
                SmsSegments s = SmsSegments.of(text);
                String got = s.encoding().label() + " " + s.segments() + " " + s.characters();
                String want = expected.path("encoding").asString() + " " + expected.path("segments").asInt() + " "
                        + expected.path("characters").asInt();
                checked++;
                if (!got.equals(want)) {
                    disagreements.add(want + " expected, " + got + " for " + json.writeValueAsString(text));
                }
            }
        }
        assertThat(checked).isEqualTo(2733);
        assertThat(disagreements).as(disagreements.size() + " of " + checked).isEmpty();
    }

    @Test
    void theTextbookCases() {
        assertThat(SmsSegments.of("a".repeat(160))).satisfies(s -> {
            assertThat(s.encoding()).isEqualTo(SmsSegments.Encoding.GSM_7);
            assertThat(s.segments()).isEqualTo(1);
        });
        assertThat(SmsSegments.of("a".repeat(161)).segments()).isEqualTo(2);
        assertThat(SmsSegments.of("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsSegments.of("a".repeat(307)).segments()).isEqualTo(3);
        assertThat(SmsSegments.of("€".repeat(80)).characters()).isEqualTo(160);
        assertThat(SmsSegments.of("€".repeat(81)).segments()).isEqualTo(2);
        assertThat(SmsSegments.of("á".repeat(70)).segments()).isEqualTo(1);
        assertThat(SmsSegments.of("á".repeat(71)).segments()).isEqualTo(2);
        assertThat(SmsSegments.of("Roof check? 👍").notGsm()).containsExactly("👍");
    }

    @Test
    void typographyIsRewrittenToGsmAndEmojiAreLeftAlone() {
        String word = "Hi Zoë \u2013 we\u2019re on \u201CElm Hill\u201D today\u2026 caf\u00E9? \u00E1gua\tok";
        SmsSegments before = SmsSegments.of(word);
        assertThat(before.encoding()).isEqualTo(SmsSegments.Encoding.UCS_2);
        Gsm7Rewrite plain = Gsm7Rewrite.of(word);
        assertThat(plain.text()).isEqualTo("Hi Zoe - we're on \"Elm Hill\" today... café? agua ok");
        assertThat(plain.changed()).as("ë, the dash, two quotes, the apostrophe, the ellipsis, á, the tab").isEqualTo(8);
        assertThat(plain.remaining().encoding()).isEqualTo(SmsSegments.Encoding.GSM_7);

        Gsm7Rewrite withEmoji = Gsm7Rewrite.of("Storm\u2019s over \uD83D\uDC4D");
        assertThat(withEmoji.text()).isEqualTo("Storm's over \uD83D\uDC4D");
        assertThat(withEmoji.remaining().notGsm()).containsExactly("\uD83D\uDC4D");
        // A message in curly quotes: 3 UCS-2 segments become 1 GSM-7 one.
        String longer = "\u201CFree roof check\u201D ".repeat(8);
        assertThat(SmsSegments.of(longer).segments()).isEqualTo(3);
        assertThat(Gsm7Rewrite.of(longer).remaining().segments()).isEqualTo(1);
    }
}

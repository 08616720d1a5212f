package dev.ridgeline.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** X-Twilio-Signature against Twilio's published example, and what must not pass. */
class TwilioSignatureTests {

    static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    static final Map<String, List<String>> PARAMS = Map.of("CallSid", List.of("CA1234567890ABCDE"),
            "Caller", List.of("+12349013030"), "Digits", List.of("1234"), "From", List.of("+12349013030"),
            "To", List.of("+18005551212"));

    @Test
    void matchesTwiliosPublishedVector() {
        assertThat(TwilioSignature.sign("12345", URL, PARAMS)).isEqualTo("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
        assertThat(TwilioSignature.valid("12345", URL, PARAMS, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).isTrue();
    }

    @Test
    void aForgedModifiedOrMissingSignatureFails() {
        assertThat(TwilioSignature.valid("54321", URL, PARAMS, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).as("other token").isFalse();
        var changed = new java.util.HashMap<>(PARAMS);
        changed.put("Digits", List.of("1235"));
        assertThat(TwilioSignature.valid("12345", URL, changed, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).as("a changed value")
                .isFalse();
        var added = new java.util.HashMap<>(PARAMS);
        added.put("Body", List.of("STOP"));
        assertThat(TwilioSignature.valid("12345", URL, added, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).as("an added one")
                .isFalse();
        assertThat(TwilioSignature.valid("12345", URL.replace("foo=1", "foo=2"), PARAMS,
                "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).as("another query").isFalse();
        assertThat(TwilioSignature.valid("12345", URL, PARAMS, null)).isFalse();
        assertThat(TwilioSignature.valid("12345", URL, PARAMS, "")).isFalse();
    }
}

package dev.ridgeline.voice.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Call-back times from the words the agent heard, on Wednesday 25 November 2026 at 11:20 in Nashville. */
class CallBackTimeTests {

    static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 25, 11, 20, 0, 0, ZoneId.of("America/Chicago"));

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(nullValues = "NULL", value = {
            "tomorrow at 5, 2026-11-26T17:00",
            "tomorrow at 9:30 am, 2026-11-26T09:30",
            "thursday afternoon, 2026-11-26T14:00",
            "monday morning, 2026-11-30T10:00",
            "after 6 tonight, 2026-11-25T18:00",
            "this evening, 2026-11-25T18:00",
            "next week, 2026-11-30T10:00",
            "in 2 hours, 2026-11-25T13:20",
            "in an hour, 2026-11-25T12:20",
            "later, 2026-11-25T14:20",
            "wednesday, 2026-12-02T10:00",
            "at 11, 2026-11-26T11:00",
            "at 10, 2026-11-26T10:00",
            "NULL, 2026-11-26T10:00"})
    void wordsBecomeATimeInTheCallersZone(String words, String expected) {
        assertThat(CallBackTime.resolve(words, NOW).toLocalDateTime()).hasToString(expected);
    }
}

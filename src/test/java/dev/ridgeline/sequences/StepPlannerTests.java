package dev.ridgeline.sequences;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.ridgeline.sequences.internal.StepPlanner;

class StepPlannerTests {

    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    static final UUID ENROLMENT = UUID.fromString("01900000-0000-7000-8000-000000000001");

    static SequenceStep step(StepKind kind, int amount, DelayUnit unit) {
        return new SequenceStep(1, kind, amount, unit, StepCondition.ALWAYS, null, "Hi", null);
    }

    static Instant at(String local, ZoneId zone) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    @Test
    void twoBusinessDaysFromAFridayAfternoonIsTuesday() {
        Instant due = StepPlanner.due(at("2026-11-27T14:00", CHICAGO), step(StepKind.SMS, 2, DelayUnit.BUSINESS_DAYS),
                CHICAGO, ENROLMENT);
        ZonedDateTime local = due.atZone(CHICAGO);
        assertThat(local.toLocalDate()).isEqualTo(java.time.LocalDate.of(2026, 12, 1));
        assertThat(local.toLocalTime()).isBetween(LocalTime.of(14, 0), LocalTime.of(14, 10));
    }

    @Test
    void aTextDueAtNightWaitsForNineInTheMorningOfTheRecipient() {
        Instant due = StepPlanner.due(at("2026-06-10T21:30", CHICAGO), step(StepKind.SMS, 30, DelayUnit.MINUTES),
                CHICAGO, ENROLMENT);
        assertThat(due.atZone(CHICAGO).toLocalDateTime()).isBetween(LocalDateTime.parse("2026-06-11T09:00"),
                LocalDateTime.parse("2026-06-11T09:10"));
        // The same instant in Honolulu is still afternoon: no wait.
        ZoneId honolulu = ZoneId.of("Pacific/Honolulu");
        Instant there = StepPlanner.due(at("2026-06-10T21:30", CHICAGO), step(StepKind.SMS, 30, DelayUnit.MINUTES),
                honolulu, ENROLMENT);
        assertThat(Duration.between(at("2026-06-10T21:30", CHICAGO), there)).isBetween(Duration.ofMinutes(30),
                Duration.ofMinutes(40));
    }

    @Test
    void aDayKeepsTheLocalTimeAcrossTheChangeToDaylightSavingTime() {
        // 2026-03-08: clocks go forward in Chicago; the day has 23 hours.
        Instant due = StepPlanner.due(at("2026-03-07T10:00", CHICAGO), step(StepKind.EMAIL, 1, DelayUnit.DAYS), CHICAGO,
                ENROLMENT);
        assertThat(due.atZone(CHICAGO).toLocalDateTime()).isBetween(LocalDateTime.parse("2026-03-08T10:00"),
                LocalDateTime.parse("2026-03-08T10:10"));
        assertThat(Duration.between(at("2026-03-07T10:00", CHICAGO), due)).isLessThan(Duration.ofHours(24));
    }

    @Test
    void tasksFallOnWeekdaysInWorkingHours() {
        Instant due = StepPlanner.due(at("2026-11-28T11:00", CHICAGO), step(StepKind.TASK, 0, DelayUnit.MINUTES), CHICAGO,
                ENROLMENT);
        ZonedDateTime local = due.atZone(CHICAGO);
        assertThat(local.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(local.toLocalTime()).isBetween(LocalTime.of(8, 0), LocalTime.of(8, 10));
    }

    @Test
    void theSpreadDependsOnTheEnrolmentOnlyAndStaysWithinTenMinutes() {
        Instant from = at("2026-06-10T10:00", CHICAGO);
        SequenceStep s = step(StepKind.EMAIL, 0, DelayUnit.MINUTES);
        java.util.Set<Instant> seen = new java.util.HashSet<>();
        for (int i = 0; i < 500; i++) {
            UUID id = new UUID(0x0190000000007000L + i, 0x8000000000000000L + i * 7919L);
            Instant due = StepPlanner.due(from, s, CHICAGO, id);
            assertThat(due).isEqualTo(StepPlanner.due(from, s, CHICAGO, id));
            assertThat(Duration.between(from, due)).isBetween(Duration.ZERO, Duration.ofMinutes(10));
            seen.add(due);
        }
        assertThat(seen).as("500 enrolments at once are spread over the ten minutes").hasSizeGreaterThan(8);
    }

    /** Seeded random starts, zones (DST and half-hour ones), kinds and delays: every rule holds for every plan. */
    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 2026, 90210})
    void noStepIsEverPlannedOutsideItsWindowOrEarlierThanItsDelay(long seed) {
        Random random = new Random(seed);
        List<ZoneId> zones = List.of(CHICAGO, ZoneId.of("America/New_York"), ZoneId.of("America/Denver"),
                ZoneId.of("America/Phoenix"), ZoneId.of("America/Los_Angeles"), ZoneId.of("America/Anchorage"),
                ZoneId.of("Pacific/Honolulu"), ZoneId.of("America/St_Johns"), ZoneId.of("Asia/Kolkata"));
        Instant base = at("2026-01-01T00:00", ZoneId.of("UTC"));
        for (int i = 0; i < 4_000; i++) {
            ZoneId zone = zones.get(random.nextInt(zones.size()));
            Instant from = base.plusSeconds(random.nextLong(366L * 24 * 3600));
            StepKind kind = StepKind.values()[random.nextInt(StepKind.values().length)];
            DelayUnit unit = DelayUnit.values()[random.nextInt(DelayUnit.values().length)];
            int amount = random.nextInt(unit == DelayUnit.MINUTES ? 600 : 15);
            SequenceStep s = step(kind, amount, unit);
            UUID id = new UUID(random.nextLong(), random.nextLong());
            Instant due = StepPlanner.due(from, s, zone, id);
            ZonedDateTime local = due.atZone(zone);
            String what = kind + " " + unit.describe(amount) + " after " + from.atZone(zone) + " -> " + local;
            LocalTime opens = switch (kind) {
                case SMS, CALL -> LocalTime.of(9, 0);
                case EMAIL -> LocalTime.of(7, 0);
                case TASK -> LocalTime.of(8, 0);
            };
            LocalTime closes = kind == StepKind.TASK ? LocalTime.of(18, 0) : LocalTime.of(20, 0);
            assertThat(local.toLocalTime()).as(what).isBetween(opens, closes.minusNanos(1));
            if (unit == DelayUnit.BUSINESS_DAYS || kind == StepKind.TASK) {
                assertThat(local.getDayOfWeek()).as(what).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            }
            Duration least = switch (unit) {
                case MINUTES -> Duration.ofMinutes(amount);
                case HOURS -> Duration.ofHours(amount);
                case DAYS, BUSINESS_DAYS -> Duration.ofHours(23L * amount);
            };
            assertThat(Duration.between(from, due)).as(what).isGreaterThanOrEqualTo(least);
            assertThat(due).as("planning again gives the same answer").isEqualTo(StepPlanner.due(from, s, zone, id));
        }
    }
}

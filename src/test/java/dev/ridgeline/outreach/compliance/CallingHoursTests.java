package dev.ridgeline.outreach.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Calling hours in the recipient's time. The property test draws seeded random instants (many on the days clocks
 * change), sets of one to three zones, states and company windows, and checks that the instant a message is
 * released is allowed in every zone and that no earlier minute was.
 */
class CallingHoursTests {

    static final List<ZoneId> ZONES = Stream.of("America/New_York", "America/Chicago", "America/Denver",
            "America/Phoenix", "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Boise",
            "America/Indiana/Indianapolis", "America/Kentucky/Louisville", "America/Detroit", "America/Adak",
            "America/Puerto_Rico", "America/St_Johns", "Pacific/Guam").map(ZoneId::of).toList();
    static final List<String> STATES = java.util.Arrays.asList(null, "FL", "OK", "TX", "CA", "NY", "fl");

    @Test
    void aFloridaTextAfterEightInTheEveningWaitsForEightInTheMorning() {
        ZoneId miami = ZoneId.of("America/New_York");
        Instant evening = ZonedDateTime.of(2026, 6, 3, 20, 30, 0, 0, miami).toInstant();
        assertThat(CallingHours.allowed(evening, Set.of(miami), null, null)).as("federal: until 21:00").isTrue();
        assertThat(CallingHours.allowed(evening, Set.of(miami), "FL", null)).isFalse();
        assertThat(CallingHours.nextAllowed(evening, Set.of(miami), "FL", null))
                .contains(ZonedDateTime.of(2026, 6, 4, 8, 0, 0, 0, miami).toInstant());
    }

    @Test
    void aTexasSundayOpensAtNoonAndAnAreaCodeAcrossTwoZonesTakesTheLaterOpening() {
        ZoneId chicago = ZoneId.of("America/Chicago");
        Instant sundayMorning = ZonedDateTime.of(2026, 11, 29, 10, 0, 0, 0, chicago).toInstant();
        assertThat(CallingHours.nextAllowed(sundayMorning, Set.of(chicago), "TX", null))
                .contains(ZonedDateTime.of(2026, 11, 29, 12, 0, 0, 0, chicago).toInstant());
        // El Paso (Mountain) and the rest of Texas (Central): 9:00 in El Paso is 10:00 in Dallas.
        ZoneId denver = ZoneId.of("America/Denver");
        Instant monday = ZonedDateTime.of(2026, 11, 30, 8, 30, 0, 0, denver).toInstant();
        assertThat(CallingHours.nextAllowed(monday, Set.of(chicago, denver), "TX", null))
                .contains(ZonedDateTime.of(2026, 11, 30, 9, 0, 0, 0, denver).toInstant());
        // And the company's own, narrower hours.
        var company = new CallingHours.Window(LocalTime.of(10, 0), LocalTime.of(18, 0));
        assertThat(CallingHours.nextAllowed(monday, Set.of(chicago, denver), "TX", company))
                .contains(ZonedDateTime.of(2026, 11, 30, 10, 0, 0, 0, denver).toInstant());
    }

    @Test
    void zonesWithNoCommonHourNeverSend() {
        var narrow = new CallingHours.Window(LocalTime.of(9, 0), LocalTime.of(10, 0));
        assertThat(CallingHours.nextAllowed(Instant.parse("2026-03-01T00:00:00Z"),
                Set.of(ZoneId.of("Pacific/Guam"), ZoneId.of("America/New_York")), null, narrow)).isEmpty();
    }

    static Stream<Long> seeds() {
        return Stream.iterate(1L, s -> s + 1).limit(12);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void noMessageIsEverReleasedOutsideItsWindow(long seed) {
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            Set<ZoneId> zones = new java.util.HashSet<>();
            int n = 1 + random.nextInt(3);
            while (zones.size() < n) {
                zones.add(ZONES.get(random.nextInt(ZONES.size())));
            }
            String state = STATES.get(random.nextInt(STATES.size()));
            CallingHours.Window company = random.nextBoolean() ? null : new CallingHours.Window(
                    LocalTime.of(7 + random.nextInt(5), random.nextInt(4) * 15),
                    LocalTime.of(16 + random.nextInt(7), random.nextInt(4) * 15));
            Instant at = randomInstant(random);
            Optional<Instant> released = CallingHours.nextAllowed(at, zones, state, company);
            String what = "at " + at + " zones " + zones + " state " + state + " company " + company;
            if (released.isEmpty()) {
                // Then no minute in the next two weeks may be allowed.
                for (Instant t = at; t.isBefore(at.plus(14, ChronoUnit.DAYS)); t = t.plus(5, ChronoUnit.MINUTES)) {
                    if (CallingHours.allowed(t, zones, state, company)) {
                        failures.add(what + ": said never, but " + t + " is allowed");
                        break;
                    }
                }
                continue;
            }
            Instant r = released.get();
            if (r.isBefore(at) || !CallingHours.allowed(r, zones, state, company)) {
                failures.add(what + ": released at " + r + ", outside the window");
                continue;
            }
            // No earlier minute (windows open on whole minutes) was allowed.
            for (Instant t = at.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES); t.isBefore(r);
                    t = t.plus(1, ChronoUnit.MINUTES)) {
                if (CallingHours.allowed(t, zones, state, company)) {
                    failures.add(what + ": released at " + r + " but " + t + " was already allowed");
                    break;
                }
            }
            if (!r.equals(at) && CallingHours.allowed(at, zones, state, company)) {
                failures.add(what + ": was allowed at once, released at " + r);
            }
        }
        assertThat(failures).isEmpty();
    }

    /** Half the draws fall on a day the clocks change in the US (second Sunday of March, first of November). */
    private static Instant randomInstant(Random random) {
        int year = 2024 + random.nextInt(6);
        if (random.nextBoolean()) {
            LocalDateTime day = random.nextBoolean()
                    ? LocalDateTime.of(year, 3, 8, 0, 0).with(java.time.temporal.TemporalAdjusters.nextOrSame(
                            java.time.DayOfWeek.SUNDAY))
                    : LocalDateTime.of(year, 11, 1, 0, 0).with(java.time.temporal.TemporalAdjusters.nextOrSame(
                            java.time.DayOfWeek.SUNDAY));
            return day.minusHours(12).plusMinutes(random.nextInt(48 * 60)).toInstant(java.time.ZoneOffset.UTC)
                    .plusSeconds(random.nextInt(60));
        }
        return Instant.parse(year + "-01-01T00:00:00Z").plusSeconds((long) (random.nextDouble() * 365 * 86400));
    }
}

package dev.ridgeline.outreach.compliance;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * When a marketing text or call may reach a person, in their own local time: the federal TCPA window (8:00 to
 * 21:00, 47 CFR 64.1200(c)(1)), narrowed by the recipient's state where its law is stricter and by the company's
 * own setting. Where the recipient's zone is uncertain (a phone number's area code spans two zones, or the home and
 * the phone disagree) every possible zone must be inside its window at once: the most restrictive reading.
 */
public final class CallingHours {

    /** A daily window, opening inclusive and closing exclusive, in the recipient's local time. */
    public record Window(LocalTime opens, LocalTime closes) {

        public Window {
            if (!opens.isBefore(closes)) {
                throw new IllegalArgumentException("a window must open before it closes: " + opens + "-" + closes);
            }
        }

        boolean contains(LocalTime t) {
            return !t.isBefore(opens) && t.isBefore(closes);
        }

        /** The overlap of two windows; empty when they do not meet. */
        Optional<Window> and(Window other) {
            LocalTime o = opens.isAfter(other.opens) ? opens : other.opens;
            LocalTime c = closes.isBefore(other.closes) ? closes : other.closes;
            return o.isBefore(c) ? Optional.of(new Window(o, c)) : Optional.empty();
        }

        @Override
        public String toString() {
            return opens + "-" + closes;
        }
    }

    /**
     * A state's rule: its window per day of week (none: no calls that day) and the most marketing attempts per
     * person in 24 hours (0: no limit beyond the company's).
     */
    public record StateRule(String state, Map<DayOfWeek, Window> days, int maxAttemptsPer24h, String source) {

        @Nullable Window on(DayOfWeek day) {
            return days.get(day);
        }
    }

    public static final Window FEDERAL = new Window(LocalTime.of(8, 0), LocalTime.of(21, 0));

    /**
     * States stricter than the federal window. Florida's is statute (Fla. Stat. 501.059(8), as amended 2021);
     * Oklahoma's Telephone Solicitation Act (2022) copies it; Texas (Bus. & Com. Code 301.051) allows 9:00 to
     * 21:00 Monday to Saturday and noon to 21:00 on Sunday. Keep this table under counsel's review.
     */
    public static final List<StateRule> STATES = List.of(
            everyDay("FL", new Window(LocalTime.of(8, 0), LocalTime.of(20, 0)), 3, "Fla. Stat. 501.059(8)"),
            everyDay("OK", new Window(LocalTime.of(8, 0), LocalTime.of(20, 0)), 3, "15 O.S. 775C.4"),
            new StateRule("TX", weekly(new Window(LocalTime.of(9, 0), LocalTime.of(21, 0)),
                    new Window(LocalTime.of(12, 0), LocalTime.of(21, 0))), 0, "Tex. Bus. & Com. Code 301.051"));

    private CallingHours() {
    }

    private static StateRule everyDay(String state, Window w, int attempts, String source) {
        Map<DayOfWeek, Window> days = new java.util.EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            days.put(d, w);
        }
        return new StateRule(state, days, attempts, source);
    }

    private static Map<DayOfWeek, Window> weekly(Window weekdays, Window sunday) {
        Map<DayOfWeek, Window> days = new java.util.EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            days.put(d, d == DayOfWeek.SUNDAY ? sunday : weekdays);
        }
        return days;
    }

    public static Optional<StateRule> state(@Nullable String state) {
        if (state == null) {
            return Optional.empty();
        }
        String s = state.strip().toUpperCase(Locale.ROOT);
        return STATES.stream().filter(r -> r.state().equals(s)).findFirst();
    }

    /** The window that applies on a local day: federal, the state's, the company's, all at once; null: none. */
    public static @Nullable Window windowOn(DayOfWeek day, @Nullable String state, @Nullable Window company) {
        Optional<Window> w = Optional.of(FEDERAL);
        Optional<StateRule> rule = state(state);
        if (rule.isPresent()) {
            Window s = rule.get().on(day);
            w = s == null ? Optional.empty() : w.flatMap(x -> x.and(s));
        }
        if (company != null) {
            w = w.flatMap(x -> x.and(company));
        }
        return w.orElse(null);
    }

    /** Whether {@code at} is inside the window in every one of {@code zones}. */
    public static boolean allowed(Instant at, Collection<ZoneId> zones, @Nullable String state,
            @Nullable Window company) {
        for (ZoneId zone : zones) {
            ZonedDateTime local = at.atZone(zone);
            Window w = windowOn(local.getDayOfWeek(), state, company);
            if (w == null || !w.contains(local.toLocalTime())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first instant at or after {@code at} when a message may go: {@code at} itself when allowed, else the next
     * opening in the zone that opens last. Empty when the zones' windows never overlap within two weeks (a set of
     * zones too far apart for any common hour).
     */
    public static Optional<Instant> nextAllowed(Instant at, Collection<ZoneId> zones, @Nullable String state,
            @Nullable Window company) {
        if (zones.isEmpty()) {
            throw new IllegalArgumentException("at least one time zone is needed");
        }
        Instant candidate = at;
        Instant limit = at.plus(Duration.ofDays(14));
        while (!candidate.isAfter(limit)) {
            Instant latest = candidate;
            for (ZoneId zone : zones) {
                Instant opening = nextOpening(candidate, zone, state, company);
                if (opening == null) {
                    return Optional.empty();
                }
                if (opening.isAfter(latest)) {
                    latest = opening;
                }
            }
            if (latest.equals(candidate)) {
                return Optional.of(candidate);
            }
            candidate = latest;
        }
        return Optional.empty();
    }

    /** In one zone: {@code at} when inside the window, else the next local opening (DST gaps resolved forward). */
    static @Nullable Instant nextOpening(Instant at, ZoneId zone, @Nullable String state, @Nullable Window company) {
        ZonedDateTime local = at.atZone(zone);
        Window today = windowOn(local.getDayOfWeek(), state, company);
        if (today != null && today.contains(local.toLocalTime())) {
            return at;
        }
        LocalDate day = local.toLocalDate();
        for (int i = 0; i < 8; i++) {
            Window w = windowOn(day.getDayOfWeek(), state, company);
            if (w != null) {
                Instant opening = ZonedDateTime.of(day, w.opens(), zone).toInstant();
                Instant closing = ZonedDateTime.of(day, w.closes(), zone).toInstant();
                if (opening.isAfter(at)) {
                    return opening;
                }
                if (closing.isAfter(at) && w.contains(at.atZone(zone).toLocalTime())) {
                    return at;
                }
            }
            day = day.plusDays(1);
        }
        return null;
    }
}

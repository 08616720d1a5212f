package dev.ridgeline.sequences.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;

import dev.ridgeline.sequences.DelayUnit;
import dev.ridgeline.sequences.SequenceStep;
import dev.ridgeline.sequences.StepKind;

/**
 * When a step is due: its delay counted in the recipient's time zone (a day keeps the local time across a DST
 * change; business days skip Saturday and Sunday), moved into the step's sending window of that day or the next
 * (texts and calls 9:00-20:00, inside every state's calling hours; emails 7:00-20:00; tasks 8:00-18:00 on
 * weekdays), then spread by a few minutes that depend only on the enrolment and the step, so a bulk enrolment does
 * not go out as one burst and planning twice gives the same answer. Outreach still checks the calling hours at send
 * time; this keeps steps from waiting there.
 */
public final class StepPlanner {

    /** Steps are spread over this many minutes at most, unless the operator says otherwise. */
    public static final int SPREAD_MINUTES = 10;

    private StepPlanner() {
    }

    /** The sending window of a kind of step, in the recipient's local time. */
    record Window(LocalTime opens, LocalTime closes, boolean weekdaysOnly) {
    }

    static Window window(StepKind kind) {
        return switch (kind) {
            case SMS, CALL -> new Window(LocalTime.of(9, 0), LocalTime.of(20, 0), false);
            case EMAIL -> new Window(LocalTime.of(7, 0), LocalTime.of(20, 0), false);
            case TASK -> new Window(LocalTime.of(8, 0), LocalTime.of(18, 0), true);
        };
    }

    /** When {@code step} is due, the previous one having run (or the lead having been enrolled) at {@code after}. */
    public static Instant due(Instant after, SequenceStep step, ZoneId zone, UUID enrolmentId) {
        return due(after, step, zone, enrolmentId, SPREAD_MINUTES);
    }

    /** As {@link #due(Instant, SequenceStep, ZoneId, UUID)}, spread over {@code spreadMinutes} at most. */
    public static Instant due(Instant after, SequenceStep step, ZoneId zone, UUID enrolmentId, int spreadMinutes) {
        boolean businessDays = step.delayUnit() == DelayUnit.BUSINESS_DAYS;
        ZonedDateTime at = after.atZone(zone);
        at = switch (step.delayUnit()) {
            case MINUTES -> at.plusMinutes(step.delayAmount());
            case HOURS -> at.plusHours(step.delayAmount());
            case DAYS -> at.plusDays(step.delayAmount());
            case BUSINESS_DAYS -> plusBusinessDays(at, step.delayAmount());
        };
        Window w = window(step.kind());
        boolean weekdays = businessDays || w.weekdaysOnly();
        ZonedDateTime inWindow = into(at, w, weekdays);
        ZonedDateTime spread = inWindow.plusMinutes(spread(enrolmentId, step.position(), spreadMinutes));
        // Spread past the close of the window: the next opening instead, unspread.
        return (isIn(spread, w, weekdays) ? spread : into(spread, w, weekdays)).toInstant();
    }

    static long spread(UUID enrolmentId, int position, int spreadMinutes) {
        long h = enrolmentId.getMostSignificantBits() * 31 + enrolmentId.getLeastSignificantBits() + position * 7919L;
        return Math.floorMod(h ^ (h >>> 29), spreadMinutes + 1);
    }

    static ZonedDateTime plusBusinessDays(ZonedDateTime from, int days) {
        ZonedDateTime at = from;
        for (int i = 0; i < days; i++) {
            at = at.plusDays(1);
            while (weekend(at)) {
                at = at.plusDays(1);
            }
        }
        return at;
    }

    /** {@code at} if it is in the window, else the window's next opening. */
    static ZonedDateTime into(ZonedDateTime at, Window w, boolean weekdaysOnly) {
        if (isIn(at, w, weekdaysOnly)) {
            return at;
        }
        ZonedDateTime day = at.toLocalTime().isBefore(w.opens()) ? at : at.plusDays(1);
        while (weekdaysOnly && weekend(day)) {
            day = day.plusDays(1);
        }
        return ZonedDateTime.of(day.toLocalDate(), w.opens(), at.getZone());
    }

    static boolean isIn(ZonedDateTime at, Window w, boolean weekdaysOnly) {
        LocalTime t = at.toLocalTime();
        return !t.isBefore(w.opens()) && t.isBefore(w.closes()) && !(weekdaysOnly && weekend(at));
    }

    private static boolean weekend(ZonedDateTime at) {
        DayOfWeek d = at.getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }

    /** The nominal delay, for checks: a day counts as 23 hours (the shortest, on a DST change). */
    static Duration atLeast(SequenceStep step) {
        return switch (step.delayUnit()) {
            case MINUTES -> Duration.ofMinutes(step.delayAmount());
            case HOURS -> Duration.ofHours(step.delayAmount());
            case DAYS, BUSINESS_DAYS -> Duration.ofHours(23L * step.delayAmount());
        };
    }
}

package dev.ridgeline.voice.agent;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * When to call back, from the caller's words ("tomorrow at 5", "Thursday afternoon", "after 6 tonight", "next week"),
 * as a time in the caller's zone. A bare hour from 1 to 7 is the afternoon or evening (nobody asks to be called at
 * 5 in the morning); a part of the day without an hour is 10 am, 2 pm or 6 pm; a day without a time is 10 am; no words
 * at all is the next day at 10 am. Never in the past: a time already gone today moves to tomorrow. Calling hours are
 * the voice channel's to enforce, not this.
 */
public final class CallBackTime {

    private static final Pattern HOUR = Pattern.compile("\\b(?:at |after |around )?(\\d{1,2})(?::(\\d{2}))? ?([ap])?\\.? ?m?\\b");
    private static final Pattern IN_HOURS = Pattern.compile("\\bin (an|\\d+) hours?\\b");

    private CallBackTime() {
    }

    public static ZonedDateTime resolve(@Nullable String words, ZonedDateTime now) {
        String w = words == null ? "" : words.toLowerCase(Locale.ROOT);
        Matcher in = IN_HOURS.matcher(w);
        if (in.find()) {
            return now.plusHours(in.group(1).equals("an") ? 1 : Integer.parseInt(in.group(1)));
        }
        if (w.isBlank()) {
            return now.toLocalDate().plusDays(1).atTime(10, 0).atZone(now.getZone());
        }
        LocalDate day = now.toLocalDate();
        boolean dayNamed = false;
        if (w.contains("tomorrow")) {
            day = day.plusDays(1);
            dayNamed = true;
        } else if (w.contains("next week")) {
            day = day.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
            dayNamed = true;
        } else {
            for (DayOfWeek d : DayOfWeek.values()) {
                if (w.contains(d.name().toLowerCase(Locale.ROOT))) {
                    day = day.with(TemporalAdjusters.next(d));
                    dayNamed = true;
                }
            }
        }
        LocalTime time = null;
        Matcher h = HOUR.matcher(w.replace("next week", ""));
        if (h.find()) {
            int hour = Integer.parseInt(h.group(1));
            int minute = h.group(2) == null ? 0 : Integer.parseInt(h.group(2));
            if (h.group(3) != null) {
                hour = hour % 12 + (h.group(3).equals("p") ? 12 : 0);
            } else if (hour >= 1 && hour <= 7) {
                hour += 12;
            }
            if (hour < 24 && minute < 60) {
                time = LocalTime.of(hour, minute);
            }
        }
        if (time == null) {
            time = w.contains("morning") ? LocalTime.of(10, 0) : w.contains("afternoon") ? LocalTime.of(14, 0)
                    : w.contains("evening") || w.contains("tonight") ? LocalTime.of(18, 0)
                    : w.contains("noon") ? LocalTime.NOON
                    : !dayNamed && w.contains("later") ? now.toLocalTime().plusHours(3) : LocalTime.of(10, 0);
            if (!dayNamed && w.contains("later") && now.toLocalTime().getHour() >= 21) {
                day = day.plusDays(1);
                time = LocalTime.of(10, 0);
            }
        }
        ZonedDateTime at = day.atTime(time).atZone(now.getZone());
        if (!at.isAfter(now)) {
            at = at.plusDays(1);
        }
        return at;
    }
}

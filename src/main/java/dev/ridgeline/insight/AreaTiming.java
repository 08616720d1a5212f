package dev.ridgeline.insight;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * Market timing of one ZIP: its latest hail of 1 inch or more over scored homes, how long ago, until when claims for
 * it can be filed (the state's window from the date of loss), the homes hit and worth working, and the season.
 *
 * @param claimDeadline the storm's day plus the state's claim window
 * @param workNow the ranking value: homes worth working (score 30 or more, hit by that storm) times the share of the
 *     claim window still left; 0 once the window has closed
 */
public record AreaTiming(String zip, @Nullable String state, LocalDate stormDay, long daysSinceStorm,
        int claimWindowDays, LocalDate claimDeadline, long daysLeft, int homesHit, int homesWorthWorking,
        double meanScore, String season, double workNow) {
}

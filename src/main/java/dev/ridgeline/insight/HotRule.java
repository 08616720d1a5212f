package dev.ridgeline.insight;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.UserId;

/**
 * A company's rule for hot leads: a home whose score reaches {@code minScore} and meets every other condition given
 * (null: no condition) becomes hot, once per storm and wave behind it.
 *
 * @param minHailInches the hail behind the score is at least this large
 * @param maxDaysSinceHail and fell at most this many days before the analysis day
 * @param minNeighbours at least this many neighbours re-roofed in the last year
 * @param inWave the home lies in a re-roofing wave
 * @param notifyUser who hears of each hot lead by {@code notifyChannel} (EMAIL or SMS), besides the in-app list
 */
public record HotRule(UUID id, String name, int minScore, @Nullable Double minHailInches,
        @Nullable Integer maxDaysSinceHail, @Nullable Integer minNeighbours, boolean inWave,
        @Nullable UserId notifyUser, @Nullable String notifyChannel, boolean enabled) {
}

package dev.ridgeline.imagery;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How long a source's images may be kept, from its terms: public-domain and openly licensed imagery is kept; what a
 * source lets apps cache only for a while is dropped after it.
 *
 * @param keepFor how long an image is kept; null keeps it until its property is deleted
 * @param why the terms in a few words, shown on the spend page
 */
public record Retention(@Nullable Duration keepFor, String why) {

    public static Retention keep(String why) {
        return new Retention(null, why);
    }

    public static Retention days(int days, String why) {
        return new Retention(Duration.ofDays(days), why);
    }
}

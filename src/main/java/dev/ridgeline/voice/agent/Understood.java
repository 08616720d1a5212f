package dev.ridgeline.voice.agent;

import org.jspecify.annotations.Nullable;

/**
 * What a caller meant: the intent, and what came with it.
 *
 * @param years the roof's age in years, for {@link Intent#YEARS}
 * @param choice which offered time (0-based), for {@link Intent#CHOICE}
 * @param when when to call back, in the caller's words ("tomorrow at 5"), for {@link Intent#CALL_LATER}
 * @param text what was said
 */
public record Understood(Intent intent, @Nullable Integer years, @Nullable Integer choice, @Nullable String when,
        String text) {

    public static Understood of(Intent intent, String text) {
        return new Understood(intent, null, null, null, text);
    }
}

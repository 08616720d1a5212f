package dev.ridgeline.voice;

import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * States whose law requires every party's consent to record a phone call (PROVIDERS.md 12.5, not legal advice):
 * California, Connecticut, Delaware, Florida, Illinois, Maryland, Massachusetts, Michigan, Montana, Nevada, New
 * Hampshire, Pennsylvania and Washington. Contested ones (Delaware, Michigan, Nevada) count as all-party; Oregon
 * requires it only in person. Where the homeowner's state is not known, the call is announced too.
 */
public final class RecordingConsent {

    public static final Set<String> ALL_PARTY = Set.of("CA", "CT", "DE", "FL", "IL", "MD", "MA", "MI", "MT", "NV",
            "NH", "PA", "WA");

    private RecordingConsent() {
    }

    /** Whether the person called must hear that the call is recorded before it is. */
    public static boolean announce(@Nullable String state) {
        return state == null || state.isBlank() || ALL_PARTY.contains(state.strip().toUpperCase(Locale.ROOT));
    }
}

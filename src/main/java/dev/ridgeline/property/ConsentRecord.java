package dev.ridgeline.property;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One entry of the consent ledger: a channel granted or refused, how, where, when, and what the person saw. */
public record ConsentRecord(ConsentChannel channel, boolean granted, ConsentKind kind, String source, Instant givenAt,
        @Nullable String textShown, @Nullable String ip) {
}

package dev.ridgeline.property;

import org.jspecify.annotations.Nullable;

/** A phone (E.164) or an email address of a contact, and whether it can still be used. */
public record ContactPoint(String channel, String value, boolean usable, @Nullable String note) {
}

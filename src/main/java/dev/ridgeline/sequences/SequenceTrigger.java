package dev.ridgeline.sequences;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What enrols leads in a sequence without a person: a home becoming a hot lead (under one hot-lead rule, or any),
 * or a storm whose hail of at least a size reached a home on file (in some ZIP codes, or anywhere the company has
 * homes). The sequence's re-enrolment rules and exclusions apply as to any enrolment.
 */
public record SequenceTrigger(UUID id, UUID sequenceId, Kind kind, @Nullable UUID hotRuleId,
        @Nullable Double minHailInches, List<String> zips) {

    public enum Kind {
        HOT_LEAD, STORM
    }

    /** "When hail of 1.25 in or more hits a home in 37205, 37215". */
    public String describe(@Nullable String ruleName) {
        return switch (kind) {
            case HOT_LEAD -> "When a home becomes a hot lead" + (hotRuleId == null ? " (any rule)"
                    : " under '" + (ruleName == null ? "a deleted rule" : ruleName) + "'");
            case STORM -> "When hail of " + (minHailInches == null ? "any size" : minHailInches + " in or more")
                    + " hits a home" + (zips.isEmpty() ? " on file" : " in " + String.join(", ", zips));
        };
    }
}

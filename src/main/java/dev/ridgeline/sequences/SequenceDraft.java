package dev.ridgeline.sequences;

import java.util.List;

/** A sequence as its builder saves it: name, weekly cap and every step in order. */
public record SequenceDraft(String name, int weeklyCap, List<SequenceStep> steps) {
}

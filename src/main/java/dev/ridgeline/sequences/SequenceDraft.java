package dev.ridgeline.sequences;

import java.util.List;

/** A sequence as its builder saves it: name, weekly cap, every step in order, and its enrolment rules. */
public record SequenceDraft(String name, int weeklyCap, List<SequenceStep> steps, Sequence.Rules rules) {

    /** With the default rules. */
    public SequenceDraft(String name, int weeklyCap, List<SequenceStep> steps) {
        this(name, weeklyCap, steps, Sequence.Rules.DEFAULT);
    }
}

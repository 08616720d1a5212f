package dev.ridgeline.property;

/** How consent was given, or that it was withdrawn. */
public enum ConsentKind {
    /** Signed or ticked by the person, with the text shown (needed for marketing texts and calls). */
    EXPRESS_WRITTEN,
    /** Said on a call and noted by a rep. */
    VERBAL,
    /** Came in a customer's list with its source and time as proof. */
    IMPORTED_WITH_PROOF,
    /** The person said stop. */
    OPT_OUT
}

package dev.ridgeline.voice.agent;

/** What a caller's words come to, as far as the qualification dialogue needs to know. */
public enum Intent {
    YES,
    NO,
    UNSURE,
    /** A number of years (the roof's age), in {@link Understood#years()}. */
    YEARS,
    /** One of the offered inspection times, in {@link Understood#choice()}. */
    CHOICE,
    ALREADY_FILED,
    NOT_INTERESTED,
    STOP_CALLING,
    CALL_LATER,
    WRONG_NUMBER,
    SOMEONE_ELSE,
    WHO_IS_THIS,
    ARE_YOU_A_ROBOT,
    SILENCE,
    OTHER
}

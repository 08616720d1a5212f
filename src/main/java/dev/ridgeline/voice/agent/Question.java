package dev.ridgeline.voice.agent;

/** What the agent last asked: the same words mean different things after different questions. */
public enum Question {
    OWNER,
    ROOF_AGE,
    LEAKS,
    DAMAGE,
    CLAIM,
    TIMES,
    CALLBACK_TIME,
    NONE
}

package dev.ridgeline.outreach;

/** Whether a failed send may be tried again later (timeouts, 429, 5xx) or never (invalid number, hard bounce). */
public enum FailureClass {
    RETRYABLE, PERMANENT
}

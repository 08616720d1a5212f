package dev.ridgeline.identity;

/** Invited users become active at their first sign-in; disabled users cannot sign in and lose their sessions. */
public enum UserStatus {
    INVITED, ACTIVE, DISABLED
}

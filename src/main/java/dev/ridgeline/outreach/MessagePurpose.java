package dev.ridgeline.outreach;

/** Why a message is sent. Sign-in and invitation messages are transactional: no marketing rules apply to them. */
public enum MessagePurpose {
    SIGN_IN, INVITATION, NOTIFICATION, OUTREACH;

    public boolean transactional() {
        return this != OUTREACH;
    }
}

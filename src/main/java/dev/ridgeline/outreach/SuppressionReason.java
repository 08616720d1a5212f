package dev.ridgeline.outreach;

/** Why an address is on a company's suppression list. */
public enum SuppressionReason {
    /** The person opted out (one-click, the preference page, a mailto unsubscribe). */
    UNSUBSCRIBED("unsubscribed"),
    /** A bounce said the address does not exist. */
    HARD_BOUNCE("hard bounce"),
    /** The person marked a message as spam. */
    COMPLAINT("spam complaint"),
    /** Soft bounces kept coming for days: given up on. */
    SOFT_BOUNCES("repeated soft bounces"),
    /** Added by someone at the company. */
    MANUAL("added by hand");

    private final String words;

    SuppressionReason(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}

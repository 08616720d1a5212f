package dev.ridgeline.outreach;

/**
 * Where a message or call is. Vendors report statuses out of order, so each has a rank and a lower-ranked update
 * never replaces a higher one; terminal statuses are final.
 */
public enum MessageStatus {
    QUEUED(0, false),
    SENDING(1, false),
    SENT(2, false),
    RINGING(2, false),
    IN_PROGRESS(3, false),
    DELIVERED(4, true),
    COMPLETED(4, true),
    UNDELIVERED(5, true),
    BOUNCED(5, true),
    BUSY(5, true),
    NO_ANSWER(5, true),
    FAILED(5, true),
    CANCELED(5, true);

    private final int rank;
    private final boolean terminal;

    MessageStatus(int rank, boolean terminal) {
        this.rank = rank;
        this.terminal = terminal;
    }

    /** Its order: a report of a lower rank never replaces a higher one. */
    public int rank() {
        return rank;
    }

    public boolean terminal() {
        return terminal;
    }

    /** True if a report of {@code next} should replace this status. */
    public boolean canBecome(MessageStatus next) {
        return !terminal && next != this && next.rank >= rank;
    }

    public boolean failed() {
        return rank == 5 && this != CANCELED;
    }

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase().replace('_', ' ');
    }
}

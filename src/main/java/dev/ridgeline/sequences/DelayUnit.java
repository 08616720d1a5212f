package dev.ridgeline.sequences;

/** How a step's delay is counted: business days skip Saturdays and Sundays in the recipient's time zone. */
public enum DelayUnit {
    MINUTES("minute"), HOURS("hour"), DAYS("day"), BUSINESS_DAYS("business day");

    private final String singular;

    DelayUnit(String singular) {
        this.singular = singular;
    }

    /** "2 business days", "1 hour". */
    public String describe(int amount) {
        return amount + " " + singular + (amount == 1 ? "" : "s");
    }
}

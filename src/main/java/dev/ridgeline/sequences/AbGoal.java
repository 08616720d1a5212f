package dev.ridgeline.sequences;

/** What an A/B test of a step is judged on: replies, or inspections booked (never opens, which privacy proxies fake). */
public enum AbGoal {
    REPLY("reply rate"),
    BOOKED("booked rate");

    private final String label;

    AbGoal(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

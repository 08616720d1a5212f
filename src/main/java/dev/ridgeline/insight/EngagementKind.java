package dev.ridgeline.insight;

/**
 * What a homeowner did that shows interest, strongest first: each gives the lead score up to its points while fresh
 * (all of them for 14 days, then fewer, none after 120 days).
 */
public enum EngagementKind {
    BOOKED("booked an inspection", 15),
    ASKED("asked for a quote", 15),
    REPLIED("replied", 12),
    CLICKED("clicked a link", 6),
    OPENED("opened an email", 3);

    private final String words;
    private final int points;

    EngagementKind(String words, int points) {
        this.words = words;
        this.points = points;
    }

    /** In plain words after "homeowner": "booked an inspection". */
    public String words() {
        return words;
    }

    public int points() {
        return points;
    }
}

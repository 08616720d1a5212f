package dev.ridgeline.claims;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a claim is, and where it may go from there. A claim is filed, inspected by the adjuster, decided (approved,
 * partly approved or denied), appealed when denied, supplemented when the scope missed something, paid and closed.
 * It may be closed from anywhere (withdrawn); nothing leaves "closed".
 */
public enum ClaimStatus {
    NOT_FILED("Not filed"),
    FILED("Filed"),
    INSPECTION_SCHEDULED("Inspection scheduled"),
    APPROVED("Approved"),
    PARTIALLY_APPROVED("Partially approved"),
    DENIED("Denied"),
    APPEALED("Appealed"),
    SUPPLEMENT_PENDING("Supplement pending"),
    PAID("Paid"),
    CLOSED("Closed");

    private static final Map<ClaimStatus, Set<ClaimStatus>> NEXT = Map.of(
            NOT_FILED, EnumSet.of(FILED),
            FILED, EnumSet.of(INSPECTION_SCHEDULED, APPROVED, PARTIALLY_APPROVED, DENIED),
            INSPECTION_SCHEDULED, EnumSet.of(APPROVED, PARTIALLY_APPROVED, DENIED),
            APPROVED, EnumSet.of(SUPPLEMENT_PENDING, PAID),
            PARTIALLY_APPROVED, EnumSet.of(SUPPLEMENT_PENDING, APPEALED, PAID),
            DENIED, EnumSet.of(APPEALED),
            APPEALED, EnumSet.of(APPROVED, PARTIALLY_APPROVED, DENIED),
            SUPPLEMENT_PENDING, EnumSet.of(APPROVED, PARTIALLY_APPROVED, PAID),
            PAID, EnumSet.of(SUPPLEMENT_PENDING),
            CLOSED, EnumSet.noneOf(ClaimStatus.class));

    private final String label;

    ClaimStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether a claim in this status may move to {@code next}. */
    public boolean canBecome(ClaimStatus next) {
        return next != this && (next == CLOSED ? this != CLOSED : NEXT.get(this).contains(next));
    }

    /** The statuses this one may move to, in order. */
    public Set<ClaimStatus> next() {
        EnumSet<ClaimStatus> out = EnumSet.noneOf(ClaimStatus.class);
        for (ClaimStatus s : values()) {
            if (canBecome(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** Whether the claim is still being worked (deadlines matter). */
    public boolean open() {
        return this != CLOSED && this != PAID;
    }
}

package dev.ridgeline.insight;

import java.time.LocalDate;
import java.util.UUID;

/**
 * What an analysis pass did: FULL or STORMS, as of which day, homes seen, rows written, waves found, new hot leads,
 * time taken.
 */
public record AnalysisPass(UUID id, String kind, LocalDate asOf, int homes, int written, int waves, int hotLeads,
        long millis) {
}

package dev.ridgeline.insight;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** The last analysis pass of a company: full or storms, as of which day, when, how many homes and rows written. */
public record AnalysisStatus(@Nullable String kind, LocalDate asOf, @Nullable Instant finishedAt, int homes,
        int written, long millis) {
}

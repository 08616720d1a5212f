package dev.ridgeline.signals;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One import of one file, kept for the UI and the API.
 *
 * @param read data rows seen (not counting headers and blank lines)
 * @param stored rows that were new
 * @param updated rows that changed a stored record
 * @param unchanged rows identical to what was stored (a re-run of the same file is all unchanged)
 * @param rejected rows reported with a reason
 */
public record ImportRecord(UUID id, ImportKind kind, String fileName, ImportStatus status, long read, long stored,
        long updated, long unchanged, long rejected, @Nullable String failure, Instant startedAt,
        @Nullable Instant finishedAt) {

    public @Nullable Duration duration() {
        return finishedAt == null ? null : Duration.between(startedAt, finishedAt);
    }
}

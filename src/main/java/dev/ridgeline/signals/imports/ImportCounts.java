package dev.ridgeline.signals.imports;

/** Counts of a finished import: rows read, new, changed, unchanged and rejected. */
public record ImportCounts(long read, long stored, long updated, long unchanged, long rejected) {

    /** The counts when every row that was not rejected was new or changed or left as it was. */
    public static ImportCounts of(long read, long rejected, long stored, long updated) {
        return new ImportCounts(read, stored, updated, Math.max(0, read - rejected - stored - updated), rejected);
    }
}

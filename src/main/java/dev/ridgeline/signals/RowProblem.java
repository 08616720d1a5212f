package dev.ridgeline.signals;

import org.jspecify.annotations.Nullable;

/**
 * A row that was not stored: its line in the file (the header is line 1), the column at fault when there is one,
 * and why. Line 0 means the file as a whole.
 */
public record RowProblem(long line, @Nullable String column, String reason) {
}

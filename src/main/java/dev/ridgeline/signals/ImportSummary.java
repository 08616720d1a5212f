package dev.ridgeline.signals;

import java.util.List;
import java.util.UUID;

/**
 * The outcome of an import as the CLI's {@code --json} line and the API return it; {@code errors} lists at most
 * the first {@link #MAX_ERRORS} problems (all of them are kept with the import record).
 */
public record ImportSummary(UUID importId, ImportStatus status, long read, long stored, long updated, long unchanged,
        long rejected, long millis, List<RowProblem> errors) {

    public static final int MAX_ERRORS = 100;

    /** True when the file could be read; rejected rows do not make an import fail. */
    public boolean fileRead() {
        return status == ImportStatus.DONE;
    }
}

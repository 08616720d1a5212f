package dev.ridgeline.signals;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A city or county permit dataset on a Socrata (SODA) portal, synced incrementally: the dataset's
 * {@code /resource/<id>.json} URL, an optional SoQL {@code $where}, the date field that orders new records, the
 * column-mapping profile its fields go through, whether an app token is kept (never shown), and the last sync.
 */
public record SocrataSource(UUID id, String name, String datasetUrl, @Nullable String whereClause,
        @Nullable String dateField, String profile, boolean hasAppToken, @Nullable String lastValue,
        @Nullable Instant lastRunAt, @Nullable UUID lastImportId, @Nullable String lastFailure) {
}

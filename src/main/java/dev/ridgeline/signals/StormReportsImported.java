package dev.ridgeline.signals;

import java.time.LocalDate;
import java.util.UUID;

import dev.ridgeline.platform.TenantId;

/** New or changed storm reports arrived; exposure and scores for the homes near them are stale. */
public record StormReportsImported(TenantId tenantId, UUID importId, LocalDate firstDay, LocalDate lastDay,
        long storedOrUpdated) {
}

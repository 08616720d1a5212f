package dev.ridgeline.insight;

import java.time.LocalDate;

import dev.ridgeline.platform.TenantId;

/**
 * The storm exposure of the homes near the reports of {@code firstDay..lastDay} was read again (after a storm
 * import): sequences with a storm trigger look for the homes that hail hit.
 */
public record StormExposureUpdated(TenantId tenantId, LocalDate firstDay, LocalDate lastDay) {
}

package dev.ridgeline.signals;

import java.util.UUID;

import dev.ridgeline.platform.TenantId;

/** Permits arrived or changed; roof ages and neighbourhood re-roofing waves need a fresh look. */
public record PermitsImported(TenantId tenantId, UUID importId, long storedOrUpdated, long roofing) {
}

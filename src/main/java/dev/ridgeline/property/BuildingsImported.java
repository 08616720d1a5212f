package dev.ridgeline.property;

import java.util.UUID;

import dev.ridgeline.platform.TenantId;

/** Footprints were imported: buildings new or changed, properties created for their addresses, links by containment. */
public record BuildingsImported(TenantId tenant, UUID importId, long buildings, long propertiesCreated,
        long linkedByContainment) {
}

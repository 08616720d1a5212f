package dev.ridgeline.property;

import java.util.UUID;

import dev.ridgeline.platform.TenantId;

/** A contact list was imported: contacts new and changed, properties created, buildings linked by containment. */
public record ContactsImported(TenantId tenant, UUID importId, long contactsStored, long contactsUpdated,
        long propertiesCreated, long linkedByContainment) {
}

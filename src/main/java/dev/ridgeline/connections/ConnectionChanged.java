package dev.ridgeline.connections;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.AuditableAction;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;

/** A connection was created, updated, switched on or off, or removed. */
public record ConnectionChanged(TenantId tenantId, @Nullable UserId actorId, UUID connectionId, ConnectionType type,
        String providerId, String change) implements AuditableAction {

    @Override
    public TenantId auditTenant() {
        return tenantId;
    }

    @Override
    public @Nullable UserId auditActor() {
        return actorId;
    }

    @Override
    public String auditAction() {
        return "connection." + change;
    }

    @Override
    public String auditSummary() {
        return type.label() + " connection " + change + " (" + providerId + ")";
    }
}

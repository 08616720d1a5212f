package dev.ridgeline.identity;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.AuditableAction;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;

/**
 * What happened in identity, for the audit log and for listeners in other modules: sign-ins and failures,
 * invitations, role changes, key and company changes. Carries ids and a summary line, never a secret.
 */
public record IdentityActionTaken(@Nullable TenantId tenantId, @Nullable UserId actorId, String action, String summary,
        @Nullable String ip) implements AuditableAction {

    @Override
    public @Nullable TenantId auditTenant() {
        return tenantId;
    }

    @Override
    public @Nullable UserId auditActor() {
        return actorId;
    }

    @Override
    public String auditAction() {
        return action;
    }

    @Override
    public String auditSummary() {
        return summary;
    }

    @Override
    public @Nullable String auditIp() {
        return ip;
    }
}

package dev.ridgeline.platform;

import org.jspecify.annotations.Nullable;

/**
 * An event that belongs in the owners' audit log (an admin action, a sign-in, a failure). Modules publish their
 * own past-tense events implementing this; the identity module records them in the same transaction.
 */
public interface AuditableAction {

    /** The company the action belongs to; null for failed sign-ins with an unknown account. */
    @Nullable TenantId auditTenant();

    /** Who did it; null when nobody was signed in. */
    @Nullable UserId auditActor();

    /** A stable machine name, e.g. {@code connection.created}. */
    String auditAction();

    /** One human line, never containing a secret. */
    String auditSummary();

    /** The source address of the request, when known. */
    default @Nullable String auditIp() {
        return null;
    }
}

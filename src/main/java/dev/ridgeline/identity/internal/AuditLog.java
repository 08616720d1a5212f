package dev.ridgeline.identity.internal;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.ridgeline.platform.AuditableAction;
import dev.ridgeline.platform.IdGenerator;

/**
 * Writes every {@link AuditableAction} any module publishes. A plain synchronous listener on purpose: the audit
 * row commits or rolls back together with the action it describes.
 */
@Component
class AuditLog {

    private static final Logger log = LoggerFactory.getLogger("dev.ridgeline.audit");

    private final AuditRepository audit;
    private final IdGenerator ids;
    private final Clock clock;

    AuditLog(AuditRepository audit, IdGenerator ids, Clock clock) {
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    @EventListener
    void record(AuditableAction action) {
        audit.insert(ids.next(), action.auditTenant(), action.auditActor(), action.auditAction(), action.auditSummary(),
                action.auditIp(), clock.instant());
        log.info("audit {} tenant={} actor={}: {}", action.auditAction(), action.auditTenant(), action.auditActor(),
                action.auditSummary());
    }
}

package dev.ridgeline.identity;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.identity.internal.AuditRepository;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.Permission;

/** Reads the audit log: sign-ins, failures and admin actions, newest first. Owners only. */
@Service
public class AuditService {

    public static final int PAGE_SIZE = 50;

    private final AuditRepository audit;

    public AuditService(AuditRepository audit) {
        this.audit = audit;
    }

    /**
     * @param actionPrefix e.g. {@code sign_in} for sign-ins and failures only; null for everything
     * @param page zero-based
     */
    @Transactional(readOnly = true)
    public List<AuditEntry> page(Actor actor, @Nullable String actionPrefix, int page) {
        actor.require(Permission.AUDIT_VIEW);
        return audit.page(actor.tenantId(), actionPrefix, PAGE_SIZE, Math.max(page, 0) * PAGE_SIZE);
    }
}

package dev.ridgeline.outreach.internal;

import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.platform.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Chooses the mailbox an email goes out from when a company sends from several. A recipient keeps the mailbox that
 * last wrote to them, so a homeowner hears from one sender and replies land in one thread; everyone else goes to
 * the mailbox with the most of today's allowance left. Marketing email takes a slot of the chosen mailbox's daily
 * cap; a paused or full mailbox passes the email to the next one.
 */
@Component
class MailboxRotation {

    /** The mailbox chosen, or why none may send now and when to try again (null: when one is resumed). */
    record Choice(@Nullable ProviderAccount account, @Nullable String heldBecause, @Nullable Instant retryAt) {
    }

    private final ConnectionsService connections;
    private final MailboxGuard guard;
    private final JdbcClient jdbc;

    MailboxRotation(ConnectionsService connections, MailboxGuard guard, JdbcClient jdbc) {
        this.connections = connections;
        this.guard = guard;
        this.jdbc = jdbc;
    }

    /** The company's sending mailboxes in the order to try them for {@code to}; the sandbox when none is connected. */
    List<ProviderAccount> candidates(TenantId tenant, String to) {
        List<ProviderAccount> active = connections.activeAccounts(tenant, ConnectionType.EMAIL);
        if (active.isEmpty()) {
            return List.of(ProviderAccount.sandbox(tenant));
        }
        if (active.size() == 1) {
            return active;
        }
        Optional<UUID> last = lastMailboxFor(tenant, to);
        List<ProviderAccount> ordered = new ArrayList<>(active);
        ordered.sort(Comparator.comparing((ProviderAccount a) -> last.map(a.connectionId()::equals).orElse(false) ? 0 : 1)
                .thenComparingDouble(a -> used(tenant, a)));
        return ordered;
    }

    /** For a notification or sign-in link: the first candidate that is not paused (else the first), no cap taken. */
    ProviderAccount forTransactional(TenantId tenant, String to) {
        List<ProviderAccount> candidates = candidates(tenant, to);
        return candidates.stream().filter(a -> guard.pausedReason(tenant, a.connectionId()).isEmpty()).findFirst()
                .orElse(candidates.getFirst());
    }

    /** For marketing email: the first candidate that is running and has a slot left today, which it takes. */
    Choice forMarketing(TenantId tenant, String to) {
        List<String> reasons = new ArrayList<>();
        Instant retryAt = null;
        List<ProviderAccount> candidates = candidates(tenant, to);
        for (ProviderAccount account : candidates) {
            MailboxGuard.Decision d = guard.check(tenant, account);
            if (d.allowed()) {
                return new Choice(account, null, null);
            }
            reasons.add(d.reason());
            if (d.retryAt() != null && (retryAt == null || d.retryAt().isBefore(retryAt))) {
                retryAt = d.retryAt();
            }
        }
        String why = candidates.size() == 1 ? reasons.getFirst()
                : "every sending mailbox is held (" + String.join("; ", reasons) + ")";
        return new Choice(null, why, retryAt);
    }

    /**
     * {@link #forMarketing} for a batch of emails to {@code to}, in order. With one mailbox (or the sandbox), its
     * pause and cap are read once and its slots taken in one go; with several, each recipient keeps the mailbox that
     * last wrote to them, so each is chosen as one at a time. Must run in a transaction.
     */
    List<Choice> forMarketingAll(TenantId tenant, List<String> to) {
        List<ProviderAccount> active = connections.activeAccounts(tenant, ConnectionType.EMAIL);
        if (active.size() > 1) {
            return to.stream().map(address -> forMarketing(tenant, address)).toList();
        }
        ProviderAccount account = active.isEmpty() ? ProviderAccount.sandbox(tenant) : active.getFirst();
        Optional<String> paused = guard.pausedReason(tenant, account.connectionId());
        if (paused.isPresent()) {
            Choice held = new Choice(null, "mailbox paused: " + paused.get(), null);
            return to.stream().map(address -> held).toList();
        }
        int cap = guard.capToday(tenant, account);
        int granted = guard.reserveMany(tenant, account.connectionId(), cap == 0 ? Integer.MAX_VALUE : cap, to.size());
        List<Choice> out = new ArrayList<>(to.size());
        for (int i = 0; i < to.size(); i++) {
            if (i < granted) {
                out.add(new Choice(account, null, null));
            } else {
                MailboxGuard.Decision full = guard.full(account, cap);
                out.add(new Choice(null, full.reason(), full.retryAt()));
            }
        }
        return out;
    }

    /** The share of today's allowance a mailbox has used; 0 for a mailbox without a cap. */
    private double used(TenantId tenant, ProviderAccount account) {
        int cap = guard.capToday(tenant, account);
        return cap == 0 ? 0 : (double) guard.sentToday(tenant, account.connectionId()) / cap;
    }

    private Optional<UUID> lastMailboxFor(TenantId tenant, String to) {
        return jdbc.sql("""
                select connection_id from outreach.message
                where tenant_id = :t and lower(to_address) = lower(:to) and channel = 'EMAIL' and connection_id is not null
                order by created_at desc limit 1""")
                .param("t", tenant.value()).param("to", to).query(UUID.class).optional();
    }
}

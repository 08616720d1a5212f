package dev.ridgeline.outreach;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.connections.ConnectionChanged;
import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.outreach.internal.MailboxGuard;
import dev.ridgeline.outreach.internal.MessageRepository;
import dev.ridgeline.outreach.internal.Redispatch;
import dev.ridgeline.outreach.internal.TemplateRepository;
import dev.ridgeline.outreach.template.EmailStats;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.platform.Permission;

/**
 * The sending mailboxes' health and analytics as the Outbox shows them, the owners' notice when one is paused, and
 * resuming it.
 */
@Service
public class Mailboxes {

    /** How far back a mailbox's analytics look. */
    public static final Duration ANALYTICS_WINDOW = Duration.ofDays(30);

    /**
     * One of the company's sending mailboxes today.
     *
     * @param address the address it sends as ("sandbox" for the sandbox)
     * @param capToday today's cap with warm-up (0: none); {@code cap} the cap once warm
     * @param pausedReason why it is paused, or null
     * @param lastMonth what its emails of the last 30 days did
     */
    public record Health(UUID connectionId, String providerId, String address, int sentToday, int capToday, int cap,
            int sentWeek, double bounceRate, double complaintRate, @Nullable String pausedReason,
            EmailStats lastMonth) {
    }

    private final ConnectionsService connections;
    private final MailboxGuard guard;
    private final MessageRepository messages;
    private final TemplateRepository stats;
    private final Redispatch redispatch;
    private final OutreachService outreach;
    private final SenderDirectory senders;
    private final Clock clock;

    public Mailboxes(ConnectionsService connections, MailboxGuard guard, MessageRepository messages,
            TemplateRepository stats, Redispatch redispatch, OutreachService outreach, SenderDirectory senders,
            Clock clock) {
        this.connections = connections;
        this.guard = guard;
        this.messages = messages;
        this.stats = stats;
        this.redispatch = redispatch;
        this.outreach = outreach;
        this.senders = senders;
        this.clock = clock;
    }

    /** Every mailbox sending for the company (the sandbox when none is connected), in rotation order of creation. */
    @Transactional(readOnly = true)
    public List<Health> health(Actor actor) {
        actor.require(Permission.OUTBOX_VIEW_ALL);
        TenantId tenant = actor.tenantId();
        List<ProviderAccount> accounts = connections.activeAccounts(tenant, ConnectionType.EMAIL);
        if (accounts.isEmpty()) {
            accounts = List.of(ProviderAccount.sandbox(tenant));
        }
        Map<UUID, EmailStats> month = stats.mailboxStats(tenant, clock.instant().minus(ANALYTICS_WINDOW));
        return accounts.stream().map(a -> {
            MailboxGuard.Rates rates = guard.rates(tenant, a.connectionId());
            return new Health(a.connectionId(), a.providerId(), a.setting("fromAddress").orElse(a.providerId()),
                    guard.sentToday(tenant, a.connectionId()), guard.capToday(tenant, a), MailboxGuard.cap(a),
                    rates.sent(), rates.bounceRate(), rates.complaintRate(),
                    guard.pausedReason(tenant, a.connectionId()).orElse(null),
                    month.getOrDefault(a.connectionId(), EmailStats.none(a.connectionId())));
        }).toList();
    }

    /** Marketing emails waiting for a mailbox (a cap reached, or every mailbox paused). */
    @Transactional(readOnly = true)
    public int waiting(Actor actor) {
        actor.require(Permission.OUTBOX_VIEW_ALL);
        return messages.queuedOutreach(actor.tenantId(), 10_000).size();
    }

    /** Resumes a paused mailbox and sends what waited; owners and managers only. */
    @Transactional
    public int resume(Actor actor, UUID connectionId) {
        actor.require(Permission.CONNECTIONS_MANAGE);
        boolean sandbox = connectionId.equals(ProviderAccount.sandbox(actor.tenantId()).connectionId());
        if (!sandbox && connections.account(actor.tenantId(), connectionId).isEmpty()) {
            throw new NotFoundException("mailbox", connectionId);
        }
        if (!guard.resume(actor.tenantId(), connectionId)) {
            throw InvalidInputException.of("mailbox", "that mailbox is not paused");
        }
        var waiting = messages.queuedOutreach(actor.tenantId(), 10_000);
        redispatch.now(actor.tenantId(), waiting, clock.instant());
        return waiting.size();
    }

    @EventListener
    void on(MailboxPaused paused) {
        boolean rates = paused.reason().contains(" rate ");
        String advice = rates ? "Mailbox providers block senders whose bounce rate passes 3% or whose complaint rate "
                + "passes 0.1%. Check the list you are sending to, then resume sending from the Outbox."
                : "Connect the mailbox again in Settings, Connections; sending resumes by itself.";
        String address = connections.account(paused.tenantId(), paused.connectionId())
                .flatMap(a -> a.setting("fromAddress")).orElse("your mailbox");
        for (String owner : senders.ownerEmails(paused.tenantId())) {
            outreach.send(new SendRequest(paused.tenantId(), Channel.EMAIL, MessagePurpose.NOTIFICATION, owner,
                    "Marketing email paused: " + address, "Ridgeline stopped sending marketing email from "
                            + address + ": " + paused.reason() + ".\n\n" + advice + " Messages wait until then"
                            + " or go out from your other mailboxes.",
                    "mailbox-paused:" + paused.connectionId() + ":" + clock.instant().toEpochMilli(), null));
        }
    }

    /** A mailbox connected again (new OAuth tokens) is no longer paused for its access, and what waited goes. */
    @EventListener
    void on(ConnectionChanged changed) {
        if (changed.type() != ConnectionType.EMAIL || !"reconnected".equals(changed.change())) {
            return;
        }
        if (guard.resumeIf(changed.tenantId(), changed.connectionId(), MailboxGuard.ACCESS_WITHDRAWN)) {
            redispatch.now(changed.tenantId(), messages.queuedOutreach(changed.tenantId(), 10_000), clock.instant());
        }
    }
}

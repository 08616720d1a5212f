package dev.ridgeline.outreach;

import java.time.Clock;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.outreach.internal.MailboxGuard;
import dev.ridgeline.outreach.internal.MessageRepository;
import dev.ridgeline.outreach.internal.Redispatch;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.Permission;

/** The sending mailbox's health as the Outbox shows it, the owners' notice when it is paused, and resuming it. */
@Service
public class Mailboxes {

    /**
     * The company's email mailbox today.
     *
     * @param capToday today's cap with warm-up (0: none); {@code cap} the cap once warm
     * @param pausedReason why it is paused, or null
     */
    public record Health(UUID connectionId, String providerId, int sentToday, int capToday, int cap, int sentWeek,
            double bounceRate, double complaintRate, @Nullable String pausedReason, int waiting) {
    }

    private final ConnectionsService connections;
    private final MailboxGuard guard;
    private final MessageRepository messages;
    private final Redispatch redispatch;
    private final OutreachService outreach;
    private final SenderDirectory senders;
    private final Clock clock;

    public Mailboxes(ConnectionsService connections, MailboxGuard guard, MessageRepository messages,
            Redispatch redispatch, OutreachService outreach, SenderDirectory senders, Clock clock) {
        this.connections = connections;
        this.guard = guard;
        this.messages = messages;
        this.redispatch = redispatch;
        this.outreach = outreach;
        this.senders = senders;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Health health(Actor actor) {
        ProviderAccount account = connections.activeAccount(actor.tenantId(), ConnectionType.EMAIL);
        MailboxGuard.Rates rates = guard.rates(actor.tenantId(), account.connectionId());
        return new Health(account.connectionId(), account.providerId(), guard.sentToday(actor.tenantId(),
                account.connectionId()), guard.capToday(actor.tenantId(), account), MailboxGuard.cap(account),
                rates.sent(), rates.bounceRate(), rates.complaintRate(),
                guard.pausedReason(actor.tenantId(), account.connectionId()).orElse(null),
                messages.queuedOutreach(actor.tenantId(), 10_000).size());
    }

    /** Resumes the paused mailbox and sends what waited; owners and managers only. */
    @Transactional
    public int resume(Actor actor) {
        actor.require(Permission.CONNECTIONS_MANAGE);
        ProviderAccount account = connections.activeAccount(actor.tenantId(), ConnectionType.EMAIL);
        if (!guard.resume(actor.tenantId(), account.connectionId())) {
            throw InvalidInputException.of("mailbox", "the mailbox is not paused");
        }
        var waiting = messages.queuedOutreach(actor.tenantId(), 10_000);
        redispatch.now(actor.tenantId(), waiting, clock.instant());
        return waiting.size();
    }

    @EventListener
    void on(MailboxPaused paused) {
        for (String owner : senders.ownerEmails(paused.tenantId())) {
            outreach.send(new SendRequest(paused.tenantId(), Channel.EMAIL, MessagePurpose.NOTIFICATION, owner,
                    "Marketing email paused: " + paused.reason(), "Ridgeline stopped sending marketing email from "
                            + "your mailbox: " + paused.reason() + ".\n\nMailbox providers block senders whose "
                            + "bounce rate passes 3% or whose complaint rate passes 0.1%. Check the list you are "
                            + "sending to, then resume sending from the Outbox. Messages wait until then.",
                    "mailbox-paused:" + paused.connectionId() + ":" + clock.instant().toEpochMilli(), null));
        }
    }
}

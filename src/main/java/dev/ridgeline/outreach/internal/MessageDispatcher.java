package dev.ridgeline.outreach.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.outreach.CallEnvelope;
import dev.ridgeline.outreach.EmailEnvelope;
import dev.ridgeline.outreach.FailureClass;
import dev.ridgeline.outreach.MessageQueued;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.MessageStatusChanged;
import dev.ridgeline.outreach.Channel;
import dev.ridgeline.outreach.MessagePurpose;
import dev.ridgeline.outreach.OutboundMessage;
import dev.ridgeline.outreach.OutreachService;
import dev.ridgeline.outreach.PhoneBlocks;
import dev.ridgeline.outreach.ProviderException;
import dev.ridgeline.outreach.provider.MailboxApi;
import dev.ridgeline.outreach.ProviderReceipt;
import dev.ridgeline.outreach.SmsEnvelope;
import dev.ridgeline.platform.TenantId;

/**
 * Hands queued messages to their provider. Three short steps, each in its own transaction: claim (QUEUED to
 * SENDING, so no other node or retry sends it again), call the vendor outside any transaction, record the answer.
 * A crash between claim and record leaves the message SENDING, never sent twice.
 */
@Component
class MessageDispatcher {

    private static final Logger log = LoggerFactory.getLogger(MessageDispatcher.class);
    static final String SANDBOX_FROM_EMAIL = "no-reply@sandbox.ridgeline.test";

    private final MessageRepository messages;
    private final ConnectionsService connections;
    private final ProviderRegistry providers;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    private final dev.ridgeline.outreach.EmailSuppressions suppressions;
    private final OutreachService outreach;
    private final MailboxGuard guard;
    private final Redispatch redispatch;
    private final MailboxRotation rotation;
    private final SendCompliance compliance;
    private final SenderPace pace;
    private final PhoneBlocks blocks;
    private final String publicUrl;
    private final org.springframework.beans.factory.ObjectProvider<dev.ridgeline.outreach.CallFirst> callFirst;

    MessageDispatcher(MessageRepository messages, ConnectionsService connections, ProviderRegistry providers,
            TransactionTemplate tx, ApplicationEventPublisher events, Clock clock,
            dev.ridgeline.outreach.EmailSuppressions suppressions, OutreachService outreach, MailboxGuard guard,
            Redispatch redispatch, MailboxRotation rotation, SendCompliance compliance, PhoneBlocks blocks,
            SenderPace pace, dev.ridgeline.platform.PlatformProperties platform,
            org.springframework.beans.factory.ObjectProvider<dev.ridgeline.outreach.CallFirst> callFirst) {
        this.callFirst = callFirst;
        this.publicUrl = platform.publicUrl();
        this.pace = pace;
        this.rotation = rotation;
        this.compliance = compliance;
        this.blocks = blocks;
        this.guard = guard;
        this.redispatch = redispatch;
        this.suppressions = suppressions;
        this.outreach = outreach;
        this.messages = messages;
        this.connections = connections;
        this.providers = providers;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Runs after the recording transaction commits. A plain transactional listener rather than an
     * {@code @ApplicationModuleListener}: that one would wrap the vendor call in a transaction. The event
     * registry still tracks it and republishes it after a crash.
     */
    @Async
    @TransactionalEventListener
    void on(MessageQueued event) {
        dispatch(event.tenantId(), event.messageId());
    }

    /** Many messages recorded together (a batch of sequence steps): handed over together after commit. */
    @Async
    @TransactionalEventListener
    void on(dev.ridgeline.outreach.MessagesQueued event) {
        dispatchAll(event.tenantId(), event.messageIds());
    }

    void dispatch(TenantId tenant, UUID id) {
        dispatchAll(tenant, List.of(id));
    }

    /** How many messages one round claims, checks and hands over together. */
    static final int BATCH = 500;

    /**
     * Hands over queued messages of a company: claimed together, their suppression, compliance and mailbox slots
     * decided together, handed to each provider in one call per account, and their receipts recorded together. What
     * one message meets (refused, held for calling hours or a cap, a provider's refusal) is what it would meet alone.
     */
    void dispatchAll(TenantId tenant, List<UUID> ids) {
        for (int from = 0; from < ids.size(); from += BATCH) {
            dispatchBatch(tenant, ids.subList(from, Math.min(ids.size(), from + BATCH)));
        }
    }

    /** A message ready to go: its account, sender and envelope. */
    private record Pending(OutboundMessage message, ProviderAccount account, @Nullable String from, Object envelope,
            boolean reserved) {
    }

    private void dispatchBatch(TenantId tenant, List<UUID> ids) {
        List<MessageRepository.Claimed> claimed = tx.execute(s -> messages.claimAll(tenant, ids, clock.instant()));
        if (claimed == null || claimed.isEmpty()) {
            return;
        }
        List<OutboundMessage> all = claimed.stream().map(MessageRepository.Claimed::message).toList();
        Map<String, dev.ridgeline.outreach.Suppression> suppressed = suppressions.findAll(tenant, all.stream()
                .filter(m -> m.channel() == Channel.EMAIL && OutreachService.suppressible(m.purpose()))
                .map(OutboundMessage::to).toList());
        Map<UUID, SendCompliance.Verdict> verdicts = compliance.checkAll(tenant, all);
        List<MessageRepository.Claimed> marketing = claimed.stream().filter(c -> marketing(c.message())
                && !suppressed.containsKey(dev.ridgeline.outreach.EmailSuppressions.normalize(c.message().to()))).toList();
        Map<UUID, MailboxRotation.Choice> choices = new java.util.HashMap<>();
        if (!marketing.isEmpty()) {
            List<MailboxRotation.Choice> chosen = tx.execute(s -> rotation.forMarketingAll(tenant,
                    marketing.stream().map(c -> c.message().to()).toList()));
            for (int i = 0; i < marketing.size(); i++) {
                choices.put(marketing.get(i).message().id(), chosen.get(i));
            }
        }
        Map<Channel, ProviderAccount> active = new java.util.EnumMap<>(Channel.class);
        List<Pending> ready = new java.util.ArrayList<>();
        for (MessageRepository.Claimed c : claimed) {
            Pending p = prepare(tenant, c, suppressed, verdicts.get(c.message().id()), choices.get(c.message().id()),
                    active);
            if (p != null) {
                ready.add(p);
            }
        }
        Map<String, List<Pending>> byAccount = new java.util.LinkedHashMap<>();
        for (Pending p : ready) {
            byAccount.computeIfAbsent(p.message().channel() + " " + p.account().connectionId() + " "
                    + p.account().providerId(), k -> new java.util.ArrayList<>()).add(p);
        }
        List<MessageRepository.Handed> handed = new java.util.ArrayList<>();
        List<OutboundMessage> handedMessages = new java.util.ArrayList<>();
        for (List<Pending> group : byAccount.values()) {
            List<dev.ridgeline.outreach.Handover> answers = handOver(tenant, group);
            for (int i = 0; i < group.size(); i++) {
                Pending p = group.get(i);
                dev.ridgeline.outreach.Handover answer = answers.get(i);
                if (answer.receipt() != null) {
                    ProviderReceipt receipt = answer.receipt();
                    MessageStatus status = MessageStatus.SENDING.canBecome(receipt.status()) ? receipt.status()
                            : MessageStatus.SENDING;
                    handed.add(new MessageRepository.Handed(p.message().id(), p.account().connectionId(),
                            p.account().providerId(), receipt.vendorId(), p.from(), status, receipt.segments(),
                            receipt.threadId()));
                    handedMessages.add(p.message());
                } else {
                    failed(tenant, p, answer.failure());
                }
            }
        }
        if (!handed.isEmpty()) {
            tx.executeWithoutResult(s -> {
                messages.acceptedAll(tenant, handed, clock.instant());
                for (int i = 0; i < handed.size(); i++) {
                    events.publishEvent(new MessageStatusChanged(tenant, handed.get(i).id(),
                            handedMessages.get(i).channel(), handed.get(i).status(), null, null));
                }
            });
        }
    }

    private static boolean marketing(OutboundMessage m) {
        return m.channel() == Channel.EMAIL && m.purpose() == MessagePurpose.OUTREACH;
    }

    /** The checks before the hand-over, for one claimed message: what to send and through what, or null when not now. */
    private @Nullable Pending prepare(TenantId tenant, MessageRepository.Claimed c,
            Map<String, dev.ridgeline.outreach.Suppression> suppressedAll, SendCompliance.Verdict verdict,
            MailboxRotation.@Nullable Choice choice, Map<Channel, ProviderAccount> active) {
        OutboundMessage m = c.message();
        UUID id = m.id();
        var suppressed = m.channel() == Channel.EMAIL && OutreachService.suppressible(m.purpose())
                ? java.util.Optional.ofNullable(suppressedAll.get(
                        dev.ridgeline.outreach.EmailSuppressions.normalize(m.to())))
                : java.util.Optional.<dev.ridgeline.outreach.Suppression>empty();
        // A suppressed address is refused below without taking one of the day's slots.
        boolean marketing = marketing(m) && suppressed.isEmpty();
        if (verdict.refused()) {
            log.info("Refused {} {} of {}: {}", m.channel(), id, tenant, verdict.reason());
            recordFailure(tenant, m, FailureClass.PERMANENT, verdict.code(), verdict.reason());
            return null;
        }
        if (!verdict.go()) {
            tx.executeWithoutResult(s -> messages.hold(tenant, id, verdict.reason(), clock.instant()));
            redispatch.later(tenant, id, verdict.until());
            return null;
        }
        ProviderAccount account;
        if (marketing) {
            if (choice == null || choice.account() == null) {
                // Not a failure: it waits for the next day's allowance, or for a mailbox to be resumed.
                String why = choice == null ? "no mailbox was chosen" : choice.heldBecause();
                tx.executeWithoutResult(s -> messages.hold(tenant, id, why, clock.instant()));
                if (choice != null && choice.retryAt() != null) {
                    redispatch.later(tenant, id, choice.retryAt());
                }
                log.info("Held marketing email {} of {}: {}", id, tenant, why);
                return null;
            }
            account = choice.account();
        } else if (m.channel() == Channel.EMAIL) {
            account = java.util.Optional.ofNullable(c.pinnedConnection()).flatMap(pin -> connections.account(tenant, pin))
                    .orElseGet(() -> rotation.forTransactional(tenant, m.to()));
        } else {
            account = active.computeIfAbsent(m.channel(), ch -> connections.activeAccount(tenant, ch.connectionType()));
        }
        if (m.channel() == Channel.SMS) {
            Instant turn = pace.turn(tenant, id, account);
            if (turn != null) {
                // Back-pressure: the sender's throughput is used up; the text waits for the moment kept for it.
                tx.executeWithoutResult(s -> messages.hold(tenant, id, "paced: the sender sends "
                        + SenderPace.perMinute(account) + " texts a minute; this one goes at " + turn, clock.instant()));
                redispatch.later(tenant, id, turn);
                return null;
            }
        }
        return switch (m.channel()) {
            case EMAIL -> {
                String from = account.setting("fromAddress").orElse(SANDBOX_FROM_EMAIL);
                if (suppressed.isPresent()) {
                    // Checked again at the last moment: an unsubscribe or bounce may have come in since it was queued.
                    failed(tenant, new Pending(m, account, from, "", false), new ProviderException(
                            FailureClass.PERMANENT, "suppressed", "not sent: the address is on the suppression list ("
                                    + suppressed.get().reason().words() + ")"));
                    yield null;
                }
                yield new Pending(m, account, from, new EmailEnvelope(m.id(), from,
                        account.setting("fromName").orElse(null), m.to(), m.subject(), m.body(),
                        headers(m, from, c.unsubscribeToken()), m.htmlBody()), marketing);
            }
            case SMS -> {
                String from = account.setting("fromNumber").orElse(null);
                yield new Pending(m, account, from, new SmsEnvelope(m.id(), from, m.to(), m.body(), null), false);
            }
            case VOICE -> {
                String from = account.setting("fromNumber").orElse(null);
                String first = callFirst.orderedStream().map(cf -> cf.dialFirst(tenant, m.id()))
                        .flatMap(java.util.Optional::stream).findFirst().orElse(null);
                yield new Pending(m, account, from, new CallEnvelope(m.id(), from, m.to(), m.body(),
                        CallEnvelope.hooks(publicUrl, tenant, m.id()), first), false);
            }
        };
    }

    /** One provider call for a group of one channel and account; every answer in order. */
    private List<dev.ridgeline.outreach.Handover> handOver(TenantId tenant, List<Pending> group) {
        ProviderAccount account = group.getFirst().account();
        try {
            return switch (group.getFirst().message().channel()) {
                case EMAIL -> providers.email(account.providerId()).sendAll(group.stream()
                        .map(p -> (EmailEnvelope) p.envelope()).toList(), account);
                case SMS -> providers.sms(account.providerId()).sendAll(group.stream()
                        .map(p -> (SmsEnvelope) p.envelope()).toList(), account);
                case VOICE -> group.stream().map(p -> dev.ridgeline.outreach.Handover.of(() -> providers
                        .voice(account.providerId()).placeCall((CallEnvelope) p.envelope(), account))).toList();
            };
        } catch (RuntimeException e) {
            // The provider could not be reached at all (no such provider, say): each message meets it.
            return group.stream().map(p -> new dev.ridgeline.outreach.Handover(null, e)).toList();
        }
    }

    /** A message the provider did not take: retried, held, or recorded as failed, as its failure says. */
    private void failed(TenantId tenant, Pending p, RuntimeException failure) {
        OutboundMessage m = p.message();
        UUID id = m.id();
        ProviderAccount account = p.account();
        if (!(failure instanceof ProviderException e)) {
            log.error("Sending message {} through {} failed", id, account.providerId(), failure);
            recordFailure(tenant, m, FailureClass.RETRYABLE, "internal-error", failure.getClass().getSimpleName());
            return;
        }
        if (p.reserved()) {
            guard.release(tenant, account.connectionId());
        }
        log.warn("Provider {} refused message {} ({}): {} {}", account.providerId(), id, e.failureClass(), e.code(),
                e.getMessage());
        if (m.channel() == Channel.EMAIL && MailboxApi.RECONNECT.equals(e.code())) {
            // The mailbox's access was revoked: it is paused until connected again, and its email waits for it
            // or goes out from another mailbox.
            String reason = MailboxGuard.ACCESS_WITHDRAWN + " (" + e.getMessage() + "); connect it again in "
                    + "Settings, Connections";
            if (guard.pause(tenant, account.connectionId(), reason)) {
                events.publishEvent(new dev.ridgeline.outreach.MailboxPaused(tenant, account.connectionId(), reason));
            }
            if (marketing(m)) {
                tx.executeWithoutResult(s -> messages.hold(tenant, id, "mailbox paused: " + reason, clock.instant()));
                redispatch.later(tenant, id, clock.instant());
                return;
            }
        }
        if (m.channel() == Channel.SMS || m.channel() == Channel.VOICE) {
            // A carrier's answer about the number: opted out (21610) or unable to take texts.
            blocks.fromCarrier(tenant, m.to(), e.code(), e.getMessage());
        }
        if (m.channel() != Channel.VOICE && e.failureClass() == FailureClass.RETRYABLE) {
            int tries = messages.heldCount(tenant, id, RETRY);
            if (tries < RETRY_DELAYS.size()) {
                java.time.Duration wait = RETRY_DELAYS.get(tries);
                tx.executeWithoutResult(s -> messages.hold(tenant, id, RETRY + " " + (tries + 1) + " of "
                        + RETRY_DELAYS.size() + " in " + wait.toMinutes() + " min after " + e.code() + ": "
                        + e.getMessage(), clock.instant()));
                redispatch.later(tenant, id, clock.instant().plus(wait));
                return;
            }
        }
        recordFailure(tenant, m, e.failureClass(), e.code(), e.getMessage());
    }

    /**
     * A marketing email's unsubscribe headers (RFC 2369, RFC 8058): the one-click https address and a mailto to the
     * sending mailbox with the token in the subject, which the mailbox reader acts on. Kept on one line each, as a
     * folded List-Unsubscribe breaks DKIM at some relays.
     */
    private Map<String, String> headers(OutboundMessage m, String from, @Nullable String token) {
        if (m.purpose() != MessagePurpose.OUTREACH || token == null) {
            return Map.of();
        }
        return Map.of("List-Unsubscribe", "<" + outreach.unsubscribeUrl(token) + ">, <mailto:" + from + "?subject="
                        + UNSUBSCRIBE_SUBJECT + token + ">",
                "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }

    /** A passing failure (a 429, a 5xx, a timeout) is tried again after these waits, then recorded as failed. */
    static final java.util.List<java.time.Duration> RETRY_DELAYS = java.util.List.of(java.time.Duration.ofMinutes(1),
            java.time.Duration.ofMinutes(5), java.time.Duration.ofMinutes(30), java.time.Duration.ofMinutes(120));
    static final String RETRY = "retry";

    /** The subject of a mailto unsubscribe: this prefix, then the token. */
    public static final String UNSUBSCRIBE_SUBJECT = "unsubscribe-";

    /** A queued message nothing dispatched this long after it was queued or put back was lost with a node. */
    static final java.time.Duration QUEUED_GRACE = java.time.Duration.ofMinutes(2);
    /** No vendor call takes this long: a claim this old without a recorded answer was left by a node that stopped. */
    static final java.time.Duration HAND_OVER_LEASE = java.time.Duration.ofMinutes(5);

    /**
     * Finishes what nodes that stopped left in flight: a queued message whose dispatch was lost is dispatched (the
     * claim keeps two nodes from both sending it); a message claimed but never recorded as handed over is looked up
     * at its provider, recorded as accepted if the provider holds it and handed over again if not; with a provider
     * that cannot say, it is marked failed with its outcome unknown rather than risk a second copy. How many.
     */
    int recoverStranded() {
        Instant now = clock.instant();
        int recovered = 0;
        for (MessageRepository.InFlight f : messages.strandedQueued(now.minus(QUEUED_GRACE), 500)) {
            log.info("Dispatching message {} of {}: queued and left by a node that stopped", f.id(), f.tenant());
            dispatch(f.tenant(), f.id());
            recovered++;
        }
        for (MessageRepository.InFlight f : messages.strandedSending(now.minus(HAND_OVER_LEASE), 500)) {
            messages.find(f.tenant(), f.id()).ifPresent(this::recover);
            recovered++;
        }
        return recovered;
    }

    private void recover(OutboundMessage m) {
        TenantId tenant = m.tenantId();
        ProviderAccount account = m.channel() == Channel.EMAIL
                ? messages.pinnedConnection(tenant, m.id()).flatMap(c -> connections.account(tenant, c))
                        .orElseGet(() -> connections.activeAccount(tenant, m.channel().connectionType()))
                : connections.activeAccount(tenant, m.channel().connectionType());
        Object provider = switch (m.channel()) {
            case EMAIL -> providers.email(account.providerId());
            case SMS -> providers.sms(account.providerId());
            case VOICE -> providers.voice(account.providerId());
        };
        if (!(provider instanceof dev.ridgeline.outreach.HandOverLookup lookup)) {
            log.warn("Message {} of {} was being handed to {} when the app stopped; {} cannot say whether it has it, "
                    + "so it is marked failed, not sent again", m.id(), tenant, account.providerId(), account.providerId());
            recordFailure(tenant, m, FailureClass.PERMANENT, "outcome-unknown", "the app stopped while handing this "
                    + "message to " + account.providerId() + ": whether it went out is unknown, so it was not sent "
                    + "again; check the provider's log");
            return;
        }
        Optional<ProviderReceipt> held = lookup.handedOver(m.id(), account);
        if (held.isPresent()) {
            ProviderReceipt receipt = held.get();
            String from = account.setting(m.channel() == Channel.EMAIL ? "fromAddress" : "fromNumber").orElse(null);
            MessageStatus status = MessageStatus.SENDING.canBecome(receipt.status()) ? receipt.status() : MessageStatus.SENDING;
            tx.executeWithoutResult(s -> {
                messages.accepted(tenant, m.id(), account.connectionId(), account.providerId(), receipt.vendorId(), from,
                        status, receipt.segments(), receipt.threadId(), clock.instant());
                events.publishEvent(new MessageStatusChanged(tenant, m.id(), m.channel(), status, null, null));
            });
            log.info("Message {} of {}: {} had it already; recorded as handed over", m.id(), tenant, account.providerId());
            return;
        }
        boolean again = Boolean.TRUE.equals(tx.execute(s -> messages.requeue(tenant, m.id(), "queued again: the app "
                + "stopped while handing it to " + account.providerId() + ", which does not have it", clock.instant())));
        if (again) {
            dispatch(tenant, m.id());
        }
    }

    private void recordFailure(TenantId tenant, OutboundMessage m, FailureClass failureClass, String code, String reason) {
        tx.executeWithoutResult(s -> {
            messages.updateStatus(tenant, m.id(), MessageStatus.FAILED, failureClass, code, reason, clock.instant());
            events.publishEvent(new MessageStatusChanged(tenant, m.id(), m.channel(), MessageStatus.FAILED, failureClass, code));
        });
    }
}

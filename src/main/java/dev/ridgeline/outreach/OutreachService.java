package dev.ridgeline.outreach;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.outreach.internal.MessageRepository;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.platform.Permission;
import dev.ridgeline.platform.TenantId;

/**
 * The Outbox. {@link #send} records a message and returns; the dispatcher hands it to the tenant's provider only
 * after that transaction commits, and provider callbacks move it along through {@link #recordStatus}.
 */
@Service
public class OutreachService {

    /** Optional filters for the Outbox list. */
    public record OutboxFilter(@Nullable Channel channel, @Nullable MessageStatus status, int limit) {

        public static OutboxFilter latest(int limit) {
            return new OutboxFilter(null, null, limit);
        }
    }

    private final MessageRepository messages;
    private final ConnectionsService connections;
    private final ApplicationEventPublisher events;
    private final IdGenerator ids;
    private final Clock clock;

    public OutreachService(MessageRepository messages, ConnectionsService connections,
            ApplicationEventPublisher events, IdGenerator ids, Clock clock) {
        this.messages = messages;
        this.connections = connections;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Records the message as queued and returns it; a request whose idempotency key was seen before returns the
     * message recorded then, and sends nothing.
     */
    @Transactional
    public OutboundMessage send(SendRequest request) {
        Optional<OutboundMessage> existing = messages.findByIdempotencyKey(request.tenantId(), request.idempotencyKey());
        if (existing.isPresent()) {
            return existing.get();
        }
        String providerId = connections.activeAccount(request.tenantId(), request.channel().connectionType()).providerId();
        UUID id = ids.next();
        if (!messages.insertQueued(id, request, providerId, clock.instant())) {
            // A concurrent request with the same key won the insert.
            return messages.findByIdempotencyKey(request.tenantId(), request.idempotencyKey()).orElseThrow();
        }
        events.publishEvent(new MessageQueued(request.tenantId(), id, request.channel()));
        return messages.find(request.tenantId(), id).orElseThrow();
    }

    /** The Outbox as the actor may see it: everything for owners and managers, their own sends for reps. */
    @Transactional(readOnly = true)
    public List<OutboundMessage> outbox(Actor actor, OutboxFilter filter) {
        return messages.list(actor.tenantId(), actor.can(Permission.OUTBOX_VIEW_ALL) ? null : actor.userId(), filter)
                .stream().map(OutboundMessage::redactedIfCredential).toList();
    }

    @Transactional(readOnly = true)
    public OutboundMessage get(Actor actor, UUID id) {
        return messages.find(actor.tenantId(), id)
                .filter(m -> actor.can(Permission.OUTBOX_VIEW_ALL) || actor.userId().equals(m.createdBy()))
                .map(OutboundMessage::redactedIfCredential)
                .orElseThrow(() -> new NotFoundException("message", id));
    }

    @Transactional(readOnly = true)
    public List<StatusChange> history(Actor actor, UUID id) {
        get(actor, id);
        return messages.history(actor.tenantId(), id);
    }

    /** For system use (a job, a test): the message by id within a tenant, unredacted. */
    @Transactional(readOnly = true)
    public Optional<OutboundMessage> find(TenantId tenantId, UUID id) {
        return messages.find(tenantId, id);
    }

    /**
     * Sign-in and invitation messages the sandbox delivered recently, across tenants: what the loopback-only
     * sandbox inbox shows, so the first sign-in works before any email or SMS vendor is connected.
     */
    @Transactional(readOnly = true)
    public List<OutboundMessage> sandboxSignInMessages(Duration maxAge, int limit) {
        return messages.sandboxSignIn(clock.instant().minus(maxAge), limit);
    }

    /**
     * Applies a status reported by a provider (a webhook, or the sandbox's own timeline). Reports arrive out of
     * order and more than once: a lower-ranked or repeated status is recorded nowhere and ignored.
     *
     * @return true if the message moved to the new status
     */
    @Transactional
    public boolean recordStatus(String providerId, String vendorId, MessageStatus status,
            @Nullable FailureClass failureClass, @Nullable String failureCode, @Nullable String detail) {
        Optional<OutboundMessage> found = messages.lockByVendorId(providerId, vendorId);
        if (found.isEmpty()) {
            return false;
        }
        OutboundMessage m = found.get();
        if (!m.status().canBecome(status)) {
            return false;
        }
        messages.updateStatus(m.tenantId(), m.id(), status, failureClass, failureCode, detail, clock.instant());
        events.publishEvent(new MessageStatusChanged(m.tenantId(), m.id(), m.channel(), status, failureClass, failureCode));
        return true;
    }

    /** Records the call length a voice provider reported at hang-up. */
    @Transactional
    public void recordCallDuration(String providerId, String vendorId, int seconds) {
        messages.findByVendorId(providerId, vendorId)
                .ifPresent(m -> messages.updateDuration(m.tenantId(), m.id(), seconds, clock.instant()));
    }
}

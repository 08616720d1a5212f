package dev.ridgeline.outreach.internal;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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
import dev.ridgeline.outreach.OutboundMessage;
import dev.ridgeline.outreach.ProviderException;
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

    MessageDispatcher(MessageRepository messages, ConnectionsService connections, ProviderRegistry providers,
            TransactionTemplate tx, ApplicationEventPublisher events, Clock clock) {
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

    void dispatch(TenantId tenant, UUID id) {
        Optional<OutboundMessage> claimed = tx.execute(s -> messages.claim(tenant, id, clock.instant()));
        if (claimed == null || claimed.isEmpty()) {
            return;
        }
        OutboundMessage m = claimed.get();
        ProviderAccount account = connections.activeAccount(tenant, m.channel().connectionType());
        String from = null;
        try {
            ProviderReceipt receipt = switch (m.channel()) {
                case EMAIL -> {
                    from = account.setting("fromAddress").orElse(SANDBOX_FROM_EMAIL);
                    yield providers.email(account.providerId()).send(new EmailEnvelope(m.id(), from,
                            account.setting("fromName").orElse(null), m.to(), m.subject(), m.body(), Map.of()), account);
                }
                case SMS -> {
                    from = account.setting("fromNumber").orElse(null);
                    yield providers.sms(account.providerId()).send(new SmsEnvelope(m.id(), from, m.to(), m.body(), null),
                            account);
                }
                case VOICE -> {
                    from = account.setting("fromNumber").orElse(null);
                    yield providers.voice(account.providerId()).placeCall(new CallEnvelope(m.id(), from, m.to(),
                            m.body(), null), account);
                }
            };
            String fromAddress = from;
            MessageStatus status = MessageStatus.SENDING.canBecome(receipt.status()) ? receipt.status() : MessageStatus.SENDING;
            tx.executeWithoutResult(s -> {
                messages.accepted(tenant, id, account.providerId(), receipt.vendorId(), fromAddress, status,
                        receipt.segments(), clock.instant());
                events.publishEvent(new MessageStatusChanged(tenant, id, m.channel(), status, null, null));
            });
        } catch (ProviderException e) {
            log.warn("Provider {} refused message {} ({}): {} {}", account.providerId(), id, e.failureClass(), e.code(),
                    e.getMessage());
            recordFailure(tenant, m, e.failureClass(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("Sending message {} through {} failed", id, account.providerId(), e);
            recordFailure(tenant, m, FailureClass.RETRYABLE, "internal-error", e.getClass().getSimpleName());
        }
    }

    private void recordFailure(TenantId tenant, OutboundMessage m, FailureClass failureClass, String code, String reason) {
        tx.executeWithoutResult(s -> {
            messages.updateStatus(tenant, m.id(), MessageStatus.FAILED, failureClass, code, reason, clock.instant());
            events.publishEvent(new MessageStatusChanged(tenant, m.id(), m.channel(), MessageStatus.FAILED, failureClass, code));
        });
    }
}

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
import dev.ridgeline.platform.InvalidInputException;
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
    private final org.springframework.beans.factory.ObjectProvider<dev.ridgeline.outreach.internal.ProviderRegistry> providers;
    private final ConnectionsService connections;
    private final EmailSuppressions suppressions;
    private final SenderDirectory senders;
    private final ApplicationEventPublisher events;
    private final IdGenerator ids;
    private final PhoneBlocks phoneBlocks;
    private final Clock clock;
    private final String publicUrl;

    private final dev.ridgeline.outreach.internal.TrackingLinks tracking;

    public OutreachService(MessageRepository messages, ConnectionsService connections, EmailSuppressions suppressions,
            SenderDirectory senders, ApplicationEventPublisher events, IdGenerator ids, Clock clock,
            dev.ridgeline.platform.PlatformProperties platform, dev.ridgeline.outreach.internal.TrackingLinks tracking,
            PhoneBlocks phoneBlocks,
            org.springframework.beans.factory.ObjectProvider<dev.ridgeline.outreach.internal.ProviderRegistry> providers) {
        this.providers = providers;
        this.phoneBlocks = phoneBlocks;
        this.tracking = tracking;
        this.publicUrl = platform.publicUrl();
        this.messages = messages;
        this.connections = connections;
        this.suppressions = suppressions;
        this.senders = senders;
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
        return send(request, null);
    }

    /**
     * Sends a test email through one mailbox, whatever the rotation would choose, to the signed-in user's own
     * address: the "Send test" of a connection.
     */
    @Transactional
    public OutboundMessage sendTestFrom(Actor actor, UUID connectionId) {
        actor.require(dev.ridgeline.platform.Permission.CONNECTIONS_MANAGE);
        var account = connections.account(actor.tenantId(), connectionId)
                .filter(a -> connections.findProvider(dev.ridgeline.connections.ConnectionType.EMAIL, a.providerId())
                        .isPresent())
                .orElseThrow(() -> new dev.ridgeline.platform.NotFoundException("mailbox", connectionId));
        String to = senders.userEmail(actor.tenantId(), actor.userId()).orElseThrow(() ->
                InvalidInputException.of("to", "your user has no email address to send the test to"));
        String from = account.setting("fromAddress").orElse(account.providerId());
        return send(new SendRequest(actor.tenantId(), Channel.EMAIL, MessagePurpose.NOTIFICATION, to,
                "Ridgeline test from " + from, "This is a test email sent through " + from + " (" + account.providerId()
                        + "). If you can read it, that mailbox sends.", "test-from:" + ids.next(), actor.userId()),
                connectionId);
    }

    private OutboundMessage send(SendRequest request, @Nullable UUID viaConnection) {
        Optional<OutboundMessage> existing = messages.findByIdempotencyKey(request.tenantId(), request.idempotencyKey());
        if (existing.isPresent()) {
            return existing.get();
        }
        boolean email = request.channel() == Channel.EMAIL;
        if (email && request.purpose() == MessagePurpose.OUTREACH
                && senders.postalAddress(request.tenantId()).isEmpty()) {
            throw InvalidInputException.of("company", "marketing email must carry the company's postal address: "
                    + "enter it in Settings, Company first");
        }
        String providerId = connections.activeAccount(request.tenantId(), request.channel().connectionType()).providerId();
        UUID id = ids.next();
        String token = null;
        if (email && request.purpose() == MessagePurpose.OUTREACH) {
            // The footer is part of what is stored, so the Outbox shows what the recipient got.
            token = EmailSuppressions.newToken();
            String postal = senders.postalAddress(request.tenantId()).orElseThrow();
            String company = senders.companyName(request.tenantId()).orElse("us");
            request = request.withBody(request.body() + footer(postal, company, token),
                    request.htmlBody() == null ? null : request.htmlBody() + htmlFooter(postal, company, token));
        }
        if (!messages.insertQueued(id, request, providerId, clock.instant())) {
            // A concurrent request with the same key won the insert.
            return messages.findByIdempotencyKey(request.tenantId(), request.idempotencyKey()).orElseThrow();
        }
        if (viaConnection != null) {
            messages.pin(request.tenantId(), id, viaConnection);
        }
        Optional<Suppression> suppressed = email && suppressible(request.purpose())
                ? suppressions.find(request.tenantId(), request.to()) : Optional.empty();
        if (suppressed.isPresent()) {
            // Recorded, so the Outbox shows what was refused and why; never handed to a provider.
            refuse(request.tenantId(), id, suppressed.get());
            return messages.find(request.tenantId(), id).orElseThrow();
        }
        if (token != null) {
            suppressions.assignToken(request.tenantId(), id, token);
        }
        if (email && request.htmlBody() != null && (request.trackOpens() || request.trackClicks())) {
            messages.setHtmlBody(request.tenantId(), id, tracking.track(id, request.htmlBody(), request.trackOpens(),
                    request.trackClicks()));
        }
        events.publishEvent(new MessageQueued(request.tenantId(), id, request.channel()));
        return messages.find(request.tenantId(), id).orElseThrow();
    }

    /** One message of {@link #sendAll}: its id, or why it was not recorded. */
    public record Queued(String idempotencyKey, @Nullable UUID messageId, @Nullable String refused) {
    }

    /**
     * {@link #send} for many messages of one company, in a handful of statements: the idempotency keys looked up
     * together, the messages and their history inserted together, the suppression list read once, and one event that
     * hands them to their providers together after commit. The same checks as one at a time; a request that one at
     * a time would be refused with an error comes back refused, with the reason, and the others go on. Email may
     * carry its A/B variant ({@code variants}, by idempotency key).
     */
    @Transactional
    public List<Queued> sendAll(TenantId tenant, List<SendRequest> requests, java.util.Map<String, String> variants) {
        if (requests.isEmpty()) {
            return List.of();
        }
        if (requests.stream().anyMatch(r -> !r.tenantId().equals(tenant))) {
            throw new IllegalArgumentException("every request of a batch is of the same company");
        }
        java.util.Map<String, UUID> existing = messages.idsByIdempotencyKeys(tenant,
                requests.stream().map(SendRequest::idempotencyKey).toList());
        Optional<String> postal = senders.postalAddress(tenant);
        String company = senders.companyName(tenant).orElse("us");
        java.util.Map<Channel, String> providerIds = new java.util.EnumMap<>(Channel.class);
        java.util.Map<String, Suppression> suppressed = suppressions.findAll(tenant, requests.stream()
                .filter(r -> r.channel() == Channel.EMAIL && suppressible(r.purpose())).map(SendRequest::to).toList());
        java.util.Map<String, Queued> out = new java.util.HashMap<>();
        List<MessageRepository.NewMessage> rows = new java.util.ArrayList<>();
        java.util.Set<String> keys = new java.util.HashSet<>();
        java.time.Instant now = clock.instant();
        for (SendRequest r : requests) {
            if (existing.containsKey(r.idempotencyKey())) {
                out.put(r.idempotencyKey(), new Queued(r.idempotencyKey(), existing.get(r.idempotencyKey()), null));
                continue;
            }
            if (!keys.add(r.idempotencyKey())) {
                continue;
            }
            boolean email = r.channel() == Channel.EMAIL;
            boolean marketing = email && r.purpose() == MessagePurpose.OUTREACH;
            if (marketing && postal.isEmpty()) {
                out.put(r.idempotencyKey(), new Queued(r.idempotencyKey(), null, "marketing email must carry the "
                        + "company's postal address: enter it in Settings, Company first"));
                continue;
            }
            String providerId = providerIds.computeIfAbsent(r.channel(),
                    c -> connections.activeAccount(tenant, c.connectionType()).providerId());
            UUID id = ids.next();
            boolean refused = email && suppressible(r.purpose())
                    && suppressed.containsKey(EmailSuppressions.normalize(r.to()));
            String token = null;
            SendRequest request = r;
            if (marketing) {
                token = EmailSuppressions.newToken();
                request = request.withBody(request.body() + footer(postal.get(), company, token),
                        request.htmlBody() == null ? null : request.htmlBody() + htmlFooter(postal.get(), company, token));
            }
            String html = request.htmlBody();
            if (email && !refused && html != null && (request.trackOpens() || request.trackClicks())) {
                html = tracking.track(id, html, request.trackOpens(), request.trackClicks());
            }
            rows.add(new MessageRepository.NewMessage(id, request.withBody(request.body(), html), providerId,
                    refused ? null : token, email ? variants.get(r.idempotencyKey()) : null));
        }
        java.util.Set<UUID> inserted = messages.insertQueuedAll(tenant, rows, now);
        List<UUID> queued = new java.util.ArrayList<>();
        List<String> lost = new java.util.ArrayList<>();
        for (MessageRepository.NewMessage row : rows) {
            String key = row.request().idempotencyKey();
            if (!inserted.contains(row.id())) {
                // A concurrent request with the same key won the insert.
                lost.add(key);
                continue;
            }
            out.put(key, new Queued(key, row.id(), null));
            Suppression s = row.request().channel() == Channel.EMAIL && suppressible(row.request().purpose())
                    ? suppressed.get(EmailSuppressions.normalize(row.request().to())) : null;
            if (s != null) {
                refuse(tenant, row.id(), s);
            } else {
                queued.add(row.id());
            }
        }
        messages.idsByIdempotencyKeys(tenant, lost).forEach((key, id) -> out.put(key, new Queued(key, id, null)));
        if (!queued.isEmpty()) {
            events.publishEvent(new MessagesQueued(tenant, queued));
        }
        return requests.stream().map(r -> out.get(r.idempotencyKey())).filter(java.util.Objects::nonNull).distinct()
                .toList();
    }

    /** The lines every marketing email ends with: who sent it, where they are, and how to stop it (CAN-SPAM). */
    private String footer(String postalAddress, String company, String token) {
        return "\n\n--\n" + postalAddress + "\nTo stop emails from " + company + ", open " + unsubscribeUrl(token)
                + "\n";
    }

    private String htmlFooter(String postalAddress, String company, String token) {
        return "\n<hr style=\"border:none;border-top:1px solid #ddd;margin:24px 0 8px\">"
                + "<p style=\"font-size:12px;color:#666\">"
                + dev.ridgeline.outreach.template.MergeTemplate.escape(postalAddress)
                + "<br><a href=\"" + unsubscribeUrl(token) + "\">Stop emails from "
                + dev.ridgeline.outreach.template.MergeTemplate.escape(company) + "</a></p>\n";
    }

    /** The page and one-click address of an unsubscribe token (RFC 8058). */
    public String unsubscribeUrl(String token) {
        return publicUrl.replaceAll("/+$", "") + "/u/" + token;
    }

    /**
     * Sign-in links and invitations go to whoever asked for them; every other email is checked against the list. A
     * hard bounce or complaint stops notifications too: the address is dead, or its owner said so.
     */
    public static boolean suppressible(MessagePurpose purpose) {
        return purpose != MessagePurpose.SIGN_IN && purpose != MessagePurpose.INVITATION;
    }

    private void refuse(dev.ridgeline.platform.TenantId tenant, UUID id, Suppression s) {
        messages.updateStatus(tenant, id, MessageStatus.FAILED, FailureClass.PERMANENT, "suppressed",
                "not sent: the address is on the suppression list (" + s.reason().words() + ", " + s.source() + ")",
                clock.instant());
        events.publishEvent(new MessageStatusChanged(tenant, id, Channel.EMAIL, MessageStatus.FAILED,
                FailureClass.PERMANENT, "suppressed"));
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
     * Changes what a call in progress does (a voicemail after the beep), through the provider that placed it; the
     * instructions are in that provider's language.
     *
     * @throws ProviderException when the provider cannot
     */
    public void updateCall(TenantId tenant, UUID messageId, String instructions) {
        OutboundMessage m = messages.find(tenant, messageId).orElseThrow(() -> new dev.ridgeline.platform
                .NotFoundException("message", messageId));
        if (m.channel() != Channel.VOICE || m.vendorId() == null) {
            throw new ProviderException(FailureClass.PERMANENT, "not-a-call", "message " + messageId
                    + " is not a call in progress");
        }
        dev.ridgeline.connections.ProviderAccount account = connections.activeAccount(tenant,
                dev.ridgeline.connections.ConnectionType.VOICE);
        if (!account.providerId().equals(m.providerId())) {
            throw new ProviderException(FailureClass.PERMANENT, "provider-changed", "the call went through "
                    + m.providerId() + ", which is no longer the company's voice connection");
        }
        providers.getObject().voice(m.providerId()).updateCall(m.vendorId(), instructions, account);
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
        if (m.channel() == Channel.EMAIL && status == MessageStatus.BOUNCED) {
            // The provider's own report (a SendGrid bounce event, the sandbox): recorded like a returned mail, so a
            // hard one suppresses the address and every one counts towards the mailbox's bounce rate.
            String code = failureCode != null && failureCode.matches("[245]\\.\\d{1,3}\\.\\d{1,3}") ? failureCode : null;
            suppressions.recordProviderFailure(m.tenantId(), m.id(), m.to(), code,
                    failureClass == FailureClass.PERMANENT, false, detail, providerId);
        }
        if (m.channel() == Channel.SMS && failureCode != null) {
            // 30006 landline, 30005 unknown number, 21610 opted out at the carrier: remembered for the next send.
            phoneBlocks.fromCarrier(m.tenantId(), m.to(), failureCode, detail == null ? "" : detail);
        }
        return true;
    }

    /**
     * {@link #recordStatus} for a batch of reports that are not failures (queued, sent, delivered), in a couple of
     * statements: how provider callbacks by the thousand keep up. Each vendor id at most once per batch.
     *
     * @return how many messages moved
     */
    @Transactional
    public int recordStatuses(String providerId, List<MessageRepository.VendorStatus> reports) {
        List<MessageRepository.Moved> moved = messages.moveStatuses(providerId, reports, clock.instant());
        moved.forEach(m -> events.publishEvent(new MessageStatusChanged(m.tenant(), m.id(), m.channel(), m.status(),
                null, null)));
        return moved.size();
    }

    /** Whether a person opened an email (machine opens, such as Apple's privacy proxy, do not count) or clicked. */
    public record Engagement(boolean opened, boolean clicked) {
    }

    @Transactional(readOnly = true)
    public Engagement engagement(TenantId tenant, UUID messageId) {
        return messages.engagement(tenant, messageId);
    }

    /** Records the call length a voice provider reported at hang-up. */
    @Transactional
    public void recordCallDuration(String providerId, String vendorId, int seconds) {
        messages.findByVendorId(providerId, vendorId)
                .ifPresent(m -> messages.updateDuration(m.tenantId(), m.id(), seconds, clock.instant()));
    }
}

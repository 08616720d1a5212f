package dev.ridgeline.outreach;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.outreach.bounce.BounceClassifier;
import dev.ridgeline.outreach.bounce.BounceReason;
import dev.ridgeline.outreach.bounce.BounceReport;
import dev.ridgeline.outreach.bounce.FailedRecipient;
import dev.ridgeline.outreach.internal.MessageRepository;
import dev.ridgeline.outreach.internal.SuppressionRepository;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.ForbiddenException;
import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.platform.Permission;
import dev.ridgeline.platform.TenantId;

/**
 * Each company's list of addresses it must not email: unsubscribes (one-click, the preference page), hard bounces,
 * spam complaints, soft bounces that kept coming, and addresses added by hand. Checked when an email is queued and
 * again just before it is handed to the provider, always.
 */
@Service
public class EmailSuppressions {

    private static final Logger log = LoggerFactory.getLogger(EmailSuppressions.class);
    /** Soft bounces give up after this many within {@link #SOFT_WINDOW}, spread over at least {@link #SOFT_SPAN}. */
    static final int SOFT_LIMIT = 3;
    static final Duration SOFT_WINDOW = Duration.ofDays(30);
    static final Duration SOFT_SPAN = Duration.ofDays(3);
    /**
     * A message that bounced softly (mailbox full, server busy, greylisted past the relay's patience) is sent again
     * after these waits, then left bounced: "retry later, then give up".
     */
    static final List<Duration> SOFT_RESENDS = List.of(Duration.ofHours(4), Duration.ofHours(24));
    static final String SOFT_RESEND = "soft bounce";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a returned message did. */
    public record BounceOutcome(@Nullable TenantId tenantId, @Nullable UUID messageId, int recorded, int suppressed) {
    }

    private final SuppressionRepository repository;
    private final dev.ridgeline.outreach.internal.MailboxGuard guard;
    private final MessageRepository messages;
    private final ApplicationEventPublisher events;
    private final IdGenerator ids;
    private final Clock clock;
    private final dev.ridgeline.outreach.internal.Redispatch redispatch;

    public EmailSuppressions(SuppressionRepository repository, MessageRepository messages,
            ApplicationEventPublisher events, IdGenerator ids, Clock clock,
            dev.ridgeline.outreach.internal.MailboxGuard guard, dev.ridgeline.outreach.internal.Redispatch redispatch) {
        this.guard = guard;
        this.redispatch = redispatch;
        this.repository = repository;
        this.messages = messages;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    /** Whether the text has the shape of an email address (name@domain.tld), as forms and imports check it. */
    public static boolean looksLikeAddress(@Nullable String text) {
        return text != null && EMAIL.matcher(text.strip()).matches();
    }

    /** The address as the list keeps it: trimmed, lower case. */
    public static String normalize(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }

    @Transactional(readOnly = true)
    public Optional<Suppression> find(TenantId tenant, String address) {
        return repository.find(tenant, normalize(address));
    }

    /** The suppressed ones among {@code addresses}, by their normalized form ({@link #normalize}). */
    @Transactional(readOnly = true)
    public java.util.Map<String, Suppression> findAll(TenantId tenant, java.util.Collection<String> addresses) {
        return repository.findAll(tenant, addresses.stream().map(EmailSuppressions::normalize).distinct().toList());
    }

    /** Adds the address (the first reason is kept); true if it was not on the list before. */
    @Transactional
    public boolean suppress(TenantId tenant, String address, SuppressionReason reason, String source,
            @Nullable String detail, @Nullable UUID messageId) {
        boolean added = repository.insert(tenant, normalize(address), reason, source, detail, messageId,
                clock.instant());
        if (added) {
            log.info("Suppressed an address for {}: {} ({})", tenant, reason.words(), source);
        }
        return added;
    }

    @Transactional(readOnly = true)
    public List<Suppression> list(Actor actor, int limit) {
        return repository.list(actor.tenantId(), Math.clamp(limit, 1, 1000));
    }

    /** Someone at the company adds an address by hand (a homeowner asked on the phone). */
    @Transactional
    public boolean add(Actor actor, String address, @Nullable String note) {
        String a = address == null ? "" : normalize(address);
        if (!looksLikeAddress(a)) {
            throw InvalidInputException.of("address", "'" + address + "' is not an email address");
        }
        return suppress(actor.tenantId(), a, SuppressionReason.MANUAL, "user " + actor.userId().value(), note, null);
    }

    /**
     * Takes an address off the list. Only an owner or manager may, and never for a complaint: a person who marked
     * mail as spam has to ask again themselves (through a new opt-in), not be put back by the sender.
     */
    @Transactional
    public void remove(Actor actor, String address) {
        if (!actor.can(Permission.OUTBOX_VIEW_ALL)) {
            throw new ForbiddenException("only an owner or manager may take an address off the suppression list");
        }
        Suppression s = repository.find(actor.tenantId(), normalize(address))
                .orElseThrow(() -> new NotFoundException("suppressed address", address));
        if (s.reason() == SuppressionReason.COMPLAINT) {
            throw InvalidInputException.of("address", "this address complained of spam and stays suppressed");
        }
        repository.delete(actor.tenantId(), s.address());
    }

    /** A new unsubscribe token: 192 random bits, URL-safe. */
    public static String newToken() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Gives a queued message its unsubscribe token. */
    @Transactional
    public void assignToken(TenantId tenant, UUID messageId, String token) {
        repository.setUnsubscribeToken(tenant, messageId, token);
    }

    /** What a token names, without acting on it (the confirmation page). */
    @Transactional(readOnly = true)
    public Optional<UnsubscribeLink> link(String token) {
        return token == null || token.length() > 64 ? Optional.empty() : repository.byToken(token);
    }

    /** Acts on a token: the recipient it names is suppressed at once. Empty for an unknown token. */
    @Transactional
    public Optional<UnsubscribeLink> unsubscribe(String token, String source) {
        Optional<UnsubscribeLink> link = link(token);
        link.ifPresent(l -> suppress(l.tenantId(), l.address(), SuppressionReason.UNSUBSCRIBED, source, null,
                l.messageId()));
        return link;
    }

    /** The unsubscribe token of a message, when it has one. */
    @Transactional(readOnly = true)
    public Optional<String> tokenOf(TenantId tenant, UUID messageId) {
        return repository.tokenOf(tenant, messageId);
    }

    /**
     * Records what a returned message reported. The company is the one whose message it quotes (our Message-ID),
     * else {@code mailboxTenant}, the company whose bounce mailbox it arrived in. Hard bounces and complaints are
     * suppressed at once; soft bounces after {@value #SOFT_LIMIT} within 30 days spread over 3 days or more. The
     * message the bounce is about is marked bounced.
     */
    @Transactional
    public BounceOutcome record(@Nullable TenantId mailboxTenant, BounceReport report, String source) {
        UnsubscribeLink message = ourMessage(report.originalMessageId()).orElse(null);
        if (message != null && mailboxTenant != null && !message.tenantId().equals(mailboxTenant)) {
            // Another company's Message-ID in this company's mailbox: believe neither.
            message = null;
        }
        TenantId tenant = message != null ? message.tenantId() : mailboxTenant;
        return recordFor(tenant, message, report, source);
    }

    private BounceOutcome recordFor(@Nullable TenantId tenant, @Nullable UnsubscribeLink message, BounceReport report,
            String source) {
        if (tenant == null || report.kind() == BounceReport.Kind.AUTO_REPLY
                || report.kind() == BounceReport.Kind.NOT_A_REPORT || report.kind() == BounceReport.Kind.DELIVERED) {
            return new BounceOutcome(tenant, message == null ? null : message.messageId(), 0, 0);
        }
        Instant now = clock.instant();
        int recorded = 0;
        int suppressed = 0;
        boolean complaint = report.kind() == BounceReport.Kind.COMPLAINT;
        for (FailedRecipient r : report.recipients()) {
            String address = r.recipient() == null && message != null ? message.address() : r.recipient();
            if (address == null) {
                continue;
            }
            address = normalize(address);
            UUID messageId = message != null && normalize(message.address()).equals(address) ? message.messageId()
                    : null;
            repository.insertBounce(tenant, ids.next(), address, messageId, r.status(), r.reason().code(), r.hard(),
                    complaint, r.diagnostic(), source, now);
            recorded++;
            SuppressionReason reason = complaint ? SuppressionReason.COMPLAINT
                    : r.hard() ? SuppressionReason.HARD_BOUNCE : softLimitReached(tenant, address, now)
                            ? SuppressionReason.SOFT_BOUNCES : null;
            if (reason != null && suppress(tenant, address, reason, source,
                    (r.status() == null ? "" : r.status() + " ") + r.reason().words(), messageId)) {
                suppressed++;
            }
            if (messageId != null && !complaint) {
                markBounced(tenant, messageId, r);
                if (!r.hard() && reason == null) {
                    resendLater(tenant, messageId, r, now);
                }
            }
            if (messageId != null) {
                guard.afterFailure(tenant, messageId).ifPresent(paused -> events.publishEvent(
                        new MailboxPaused(tenant, paused.getKey(), paused.getValue())));
            }
        }
        return new BounceOutcome(tenant, message == null ? null : message.messageId(), recorded, suppressed);
    }

    /**
     * A failure a provider's webhook reported for one of our messages (a SendGrid bounce, block or spam report):
     * recorded like a returned mail, so that soft ones count towards giving up and hard ones suppress at once.
     */
    @Transactional
    public BounceOutcome recordProviderFailure(TenantId tenant, UUID messageId, String address,
            @Nullable String status, boolean hard, boolean complaint, @Nullable String words, String source) {
        BounceReason reason = complaint ? BounceReason.COMPLAINT : BounceClassifier.reasonFor(status, words);
        FailedRecipient r = new FailedRecipient(address, status, null, reason, hard && !complaint, words);
        BounceReport report = new BounceReport(complaint ? BounceReport.Kind.COMPLAINT : BounceReport.Kind.BOUNCE,
                List.of(r), null);
        return recordFor(tenant, repository.messageById(messageId).filter(m -> m.tenantId().equals(tenant))
                .orElse(null), report, source);
    }

    private boolean softLimitReached(TenantId tenant, String address, Instant now) {
        SuppressionRepository.SoftBounces soft = repository.softBounces(tenant, address, now.minus(SOFT_WINDOW));
        return soft.count() >= SOFT_LIMIT && soft.first() != null && soft.last() != null
                && !soft.last().isBefore(soft.first().plus(SOFT_SPAN));
    }

    /**
     * Sends a softly bounced message again after the next wait of {@link #SOFT_RESENDS}, unless it has had them all.
     * The send-time checks run again then (suppression, consent, the mailbox's allowance).
     */
    private void resendLater(TenantId tenant, UUID messageId, FailedRecipient r, Instant now) {
        int resent = messages.heldCount(tenant, messageId, SOFT_RESEND);
        if (resent >= SOFT_RESENDS.size()) {
            return;
        }
        Duration wait = SOFT_RESENDS.get(resent);
        String why = SOFT_RESEND + " " + (resent + 1) + " of " + SOFT_RESENDS.size() + ": sent again in "
                + wait.toHours() + " h after " + (r.status() == null ? "" : r.status() + " ") + r.reason().words();
        if (messages.reopenBounced(tenant, messageId, why, now)) {
            redispatch.later(tenant, messageId, now.plus(wait));
        }
    }

    /** Only a message that was handed over can bounce: a late report for a send being repeated changes nothing. */
    private void markBounced(TenantId tenant, UUID messageId, FailedRecipient r) {
        messages.find(tenant, messageId).filter(m -> m.status().canBecome(MessageStatus.BOUNCED)
                        && m.status().rank() >= MessageStatus.SENT.rank() && !r.transientFailure())
                .ifPresent(m -> {
                    FailureClass failure = r.hard() ? FailureClass.PERMANENT : FailureClass.RETRYABLE;
                    messages.updateStatus(tenant, messageId, MessageStatus.BOUNCED, failure, r.status(),
                            r.reason().words() + (r.diagnostic() == null ? "" : ": " + r.diagnostic()), clock.instant());
                    events.publishEvent(new MessageStatusChanged(tenant, messageId, Channel.EMAIL, MessageStatus.BOUNCED,
                            failure, r.status()));
                });
    }

    /** Our message a Message-ID names: "<uuid@domain>" as the SMTP adapter writes it. */
    private Optional<UnsubscribeLink> ourMessage(@Nullable String messageId) {
        List<UUID> ours = MessageIds.in(messageId);
        return ours.isEmpty() ? Optional.empty() : repository.messageById(ours.getFirst());
    }
}

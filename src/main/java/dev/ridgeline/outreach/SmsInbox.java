package dev.ridgeline.outreach;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.outreach.compliance.OptOutReader;
import dev.ridgeline.outreach.internal.InboundMediaStore;
import dev.ridgeline.outreach.internal.MessageRepository;
import dev.ridgeline.outreach.internal.ReplyRepository;
import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.TenantId;

/**
 * Texts that come in, from any SMS provider or the sandbox: each is read for stop, start or help first (acted on at
 * once, with one confirmation at most), kept in the Inbox against the last text the company sent that number, and
 * a reply to one of ours raises {@link MessageReplied}, which stops the lead's sequences.
 */
@Service
public class SmsInbox {

    private static final Logger log = LoggerFactory.getLogger(SmsInbox.class);

    /** What an inbound text turned out to be. */
    public record Received(@Nullable UUID replyId, OptOutReader.Reading reading, boolean duplicate) {
    }

    private final PhoneBlocks blocks;
    private final ReplyRepository replies;
    private final MessageRepository messages;
    private final OutreachService outreach;
    private final SenderDirectory senders;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final IdGenerator ids;
    private final Clock clock;
    private final InboundMediaStore mediaStore;

    public SmsInbox(PhoneBlocks blocks, ReplyRepository replies, MessageRepository messages, OutreachService outreach,
            SenderDirectory senders, ApplicationEventPublisher events, JdbcClient jdbc, IdGenerator ids, Clock clock,
            InboundMediaStore mediaStore) {
        this.mediaStore = mediaStore;
        this.blocks = blocks;
        this.replies = replies;
        this.messages = messages;
        this.outreach = outreach;
        this.senders = senders;
        this.events = events;
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Takes one inbound text. {@code externalId} is the provider's id for it (a redelivered webhook is taken once);
     * {@code source} names the provider for the records.
     */
    @Transactional
    public Received receive(TenantId tenant, String from, String body, @Nullable String externalId, String source) {
        return receive(tenant, from, body, List.of(), externalId, source);
    }

    /** As {@link #receive(TenantId, String, String, String, String)}, for a text with pictures or files (MMS). */
    @Transactional
    public Received receive(TenantId tenant, String from, String body, List<InboundMedia> media,
            @Nullable String externalId, String source) {
        OptOutReader.Reading reading = OptOutReader.read(body);
        Optional<OutboundMessage> answered = latestTextTo(tenant, from);
        UUID id = ids.next();
        if (!replies.insert(tenant, id, Channel.SMS, answered.map(OutboundMessage::id).orElse(null), from, null,
                body.strip(), externalId, clock.instant(), source)) {
            return new Received(null, reading, true);
        }
        mediaStore.record(tenant, id, media);
        String company = senders.companyName(tenant).orElse("Your roofer");
        if (reading.act()) {
            switch (reading.intent()) {
                case STOP -> {
                    if (blocks.optOut(tenant, from, "replied by text via " + source, body.strip())) {
                        confirm(tenant, from, company + ": you are unsubscribed and will get no more messages. "
                                + "Reply START to subscribe again.", "stop:" + id);
                    }
                }
                case START -> {
                    if (blocks.optIn(tenant, from, "replied START via " + source)) {
                        confirm(tenant, from, company + ": you are subscribed again. Reply STOP to stop.",
                                "start:" + id);
                    }
                }
                case HELP -> confirm(tenant, from, company + senders.postalAddress(tenant).map(a -> ", " + a)
                        .orElse("") + ". Reply STOP to stop messages.", "help:" + id);
                default -> {
                }
            }
        } else if (reading.review()) {
            blocks.toReview(tenant, from, body.strip(), reading.confidence());
        }
        if (answered.isPresent() && reading.intent() != OptOutReader.Intent.HELP) {
            OutboundMessage m = answered.get();
            events.publishEvent(new MessageReplied(tenant, m.id(), id, Channel.SMS, from, m.createdBy()));
        }
        log.info("Text {} from a contact of {} via {}: {} ({})", id, tenant, source, reading.intent(),
                reading.confidence());
        return new Received(id, reading, false);
    }

    /** The one confirmation: informational, so it goes even to a number that just opted out. */
    private void confirm(TenantId tenant, String to, String text, String key) {
        outreach.send(new SendRequest(tenant, Channel.SMS, MessagePurpose.NOTIFICATION, to, null, text,
                "sms-confirm:" + key, null));
    }

    private Optional<OutboundMessage> latestTextTo(TenantId tenant, String phone) {
        return jdbc.sql("""
                select id from outreach.message where tenant_id = :t and channel = 'SMS' and to_address = :p
                  and purpose not in ('SIGN_IN', 'INVITATION') and idempotency_key not like 'sms-confirm:%'
                order by created_at desc limit 1""")
                .param("t", tenant.value()).param("p", phone).query(UUID.class).optional()
                .flatMap(id -> messages.find(tenant, id));
    }
}

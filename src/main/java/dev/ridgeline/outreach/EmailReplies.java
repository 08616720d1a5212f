package dev.ridgeline.outreach;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.outreach.internal.MessageRepository;
import dev.ridgeline.outreach.internal.ReplyRepository;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.platform.Permission;
import dev.ridgeline.platform.TenantId;

/**
 * Replies to the company's email: matched to the message they answer by the Message-IDs in In-Reply-To and
 * References (ours carry the message's id), else by a "Re:" of its subject from the address it went to. A matched
 * reply is kept for the Inbox, announced ({@link MessageReplied}: sequences stop) and told to the rep who sent it.
 */
@Service
public class EmailReplies {

    private static final Logger log = LoggerFactory.getLogger(EmailReplies.class);
    private static final Pattern RE = Pattern.compile("(?i)^\\s*((re|aw|sv|antw|r)\\s*:\\s*)+");

    private final ReplyRepository replies;
    private final MessageRepository messages;
    private final OutreachService outreach;
    private final SenderDirectory senders;
    private final ApplicationEventPublisher events;
    private final IdGenerator ids;
    private final Clock clock;

    public EmailReplies(ReplyRepository replies, MessageRepository messages, OutreachService outreach,
            SenderDirectory senders, ApplicationEventPublisher events, IdGenerator ids, Clock clock) {
        this.replies = replies;
        this.messages = messages;
        this.outreach = outreach;
        this.senders = senders;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    /** Takes an email that came in: answers the reply when it answers one of the company's messages, else empty. */
    @Transactional
    public Optional<Reply> receive(TenantId tenant, InboundEmail email) {
        Optional<OutboundMessage> answered = answered(tenant, email);
        if (answered.isEmpty()) {
            return Optional.empty();
        }
        OutboundMessage m = answered.get();
        UUID id = ids.next();
        String from = EmailSuppressions.normalize(fromAddress(email.from()));
        if (!replies.insert(tenant, id, Channel.EMAIL, m.id(), from, email.subject(), email.text().strip(),
                email.messageId(), email.receivedAt(), email.source())) {
            return Optional.empty();
        }
        events.publishEvent(new MessageReplied(tenant, m.id(), id, Channel.EMAIL, from, m.createdBy()));
        if (m.createdBy() != null) {
            senders.userEmail(tenant, m.createdBy()).ifPresent(rep -> outreach.send(new SendRequest(tenant,
                    Channel.EMAIL, MessagePurpose.NOTIFICATION, rep, "Reply from " + from + ": "
                            + (email.subject() == null ? m.subject() : email.subject()),
                    from + " replied to \"" + m.subject() + "\":\n\n" + abbreviate(email.text(), 1500)
                            + "\n\nAnswer it from the Inbox.", "reply-notice:" + id, null)));
        }
        log.info("Reply {} to message {} of {} from {}", id, m.id(), tenant, email.source());
        return replies.find(tenant, id);
    }

    /**
     * The sandbox's stand-in for a homeowner answering: only for a message the sandbox delivered, so no reply can
     * be made up for mail that really went out.
     */
    @Transactional
    public Reply simulateReply(Actor actor, UUID messageId, String text) {
        OutboundMessage m = outreach.get(actor, messageId);
        if (!"sandbox".equals(m.providerId()) || m.channel() != Channel.EMAIL || m.vendorId() == null) {
            throw InvalidInputException.of("message", "only an email the sandbox delivered can be answered here");
        }
        if (text == null || text.isBlank()) {
            throw InvalidInputException.of("text", "write the homeowner's answer");
        }
        return receive(actor.tenantId(), new InboundEmail(m.to(), "Re: " + m.subject(), text, "<" + ids.next()
                + "@sandbox-homeowner.test>", m.vendorId(), List.of(m.vendorId()), clock.instant(), "sandbox"))
                .orElseThrow();
    }

    /** The Inbox: every reply for owners and managers, replies to their own messages for reps. */
    @Transactional(readOnly = true)
    public List<Reply> inbox(Actor actor, int limit) {
        return replies.list(actor.tenantId(), actor.can(Permission.OUTBOX_VIEW_ALL) ? null : actor.userId().value(),
                Math.clamp(limit, 1, 500));
    }

    /** A reply and the thread it belongs to (the message answered, every reply to it); marks the reply read. */
    @Transactional
    public Thread thread(Actor actor, UUID replyId) {
        Reply r = replies.find(actor.tenantId(), replyId).orElseThrow(() -> new NotFoundException("reply", replyId));
        OutboundMessage m = r.messageId() == null ? null : outreach.get(actor, r.messageId());
        replies.markRead(actor.tenantId(), replyId, clock.instant());
        return new Thread(m, m == null ? List.of(r) : replies.repliesTo(actor.tenantId(), m.id()));
    }

    /** A sent message and its replies, oldest first. */
    public record Thread(@Nullable OutboundMessage message, List<Reply> replies) {
    }

    private Optional<OutboundMessage> answered(TenantId tenant, InboundEmail email) {
        List<String> ids = new ArrayList<>();
        if (email.inReplyTo() != null) {
            ids.add(email.inReplyTo());
        }
        ids.addAll(email.references().reversed());
        for (String ref : ids) {
            for (UUID ours : MessageIds.in(ref)) {
                Optional<OutboundMessage> found = messages.find(tenant, ours).filter(x -> x.channel() == Channel.EMAIL);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        // A mailbox API names the conversation: the latest of ours in it.
        if (email.thread() != null) {
            Optional<OutboundMessage> inThread = messages.findByThread(tenant, email.thread().providerId(),
                    email.thread().threadId());
            if (inThread.isPresent()) {
                return inThread;
            }
        }
        // Some mail programs drop the headers: a "Re:" of our subject from the address it went to.
        if (email.subject() != null && RE.matcher(email.subject()).find()) {
            String subject = RE.matcher(email.subject()).replaceFirst("").strip();
            return messages.latestTo(tenant, EmailSuppressions.normalize(fromAddress(email.from())), subject);
        }
        return Optional.empty();
    }

    static String fromAddress(String from) {
        Matcher m = Pattern.compile("[^<>\\s\"]+@[^<>\\s\"]+").matcher(from);
        return m.find() ? m.group() : from.strip();
    }

    private static String abbreviate(String s, int max) {
        String t = s.strip();
        return t.length() <= max ? t : t.substring(0, max - 1) + "…";
    }
}

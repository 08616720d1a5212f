package dev.ridgeline.outreach;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.outreach.internal.InboundMediaStore;
import dev.ridgeline.outreach.internal.ReplyRepository;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.platform.Permission;

/**
 * A text conversation with one person: every text the company sent to their number and every text they sent,
 * oldest first, and a rep's answer from the page (which is refused once the number has opted out). The sandbox
 * can answer as the contact, to try it all without a phone.
 */
@Service
public class SmsConversations {

    /**
     * One line of a conversation: ours (outbound, with its status; {@code messageId} the message) or theirs
     * ({@code messageId} the inbound text, with any pictures or files it carried).
     */
    public record Line(boolean ours, String body, Instant at, @Nullable MessageStatus status, @Nullable UUID messageId,
            List<InboundMediaStore.Media> media) {

        Line(boolean ours, String body, Instant at, @Nullable MessageStatus status, @Nullable UUID messageId) {
            this(ours, body, at, status, messageId, List.of());
        }
    }

    /** The conversation with {@code phone}; {@code blocked} says why nothing more may be sent, if so. */
    public record Conversation(String phone, List<Line> lines, @Nullable String blocked, UUID latestReply) {
    }

    private final JdbcClient jdbc;
    private final ReplyRepository replies;
    private final OutreachService outreach;
    private final PhoneBlocks blocks;
    private final SmsInbox inbox;
    private final IdGenerator ids;
    private final InboundMediaStore mediaStore;

    public SmsConversations(JdbcClient jdbc, ReplyRepository replies, OutreachService outreach, PhoneBlocks blocks,
            SmsInbox inbox, IdGenerator ids, InboundMediaStore mediaStore) {
        this.mediaStore = mediaStore;
        this.jdbc = jdbc;
        this.replies = replies;
        this.outreach = outreach;
        this.blocks = blocks;
        this.inbox = inbox;
        this.ids = ids;
    }

    /** The conversation a text reply belongs to. */
    @Transactional(readOnly = true)
    public Conversation of(Actor actor, UUID replyId) {
        Reply r = replies.find(actor.tenantId(), replyId).filter(x -> x.channel() == Channel.SMS)
                .orElseThrow(() -> new NotFoundException("text reply", replyId));
        if (!actor.can(Permission.OUTBOX_VIEW_ALL) && r.messageId() != null) {
            outreach.get(actor, r.messageId()); // a rep sees the conversations of their own texts only
        }
        String phone = r.from();
        List<Line> lines = new ArrayList<>();
        jdbc.sql("""
                select id, body, created_at, status from outreach.message
                where tenant_id = :t and channel = 'SMS' and to_address = :p and purpose not in ('SIGN_IN', 'INVITATION')""")
                .param("t", actor.tenantId().value()).param("p", phone)
                .query(rs -> {
                    lines.add(new Line(true, rs.getString(2), rs.getTimestamp(3).toInstant(),
                            MessageStatus.valueOf(rs.getString(4)), rs.getObject(1, UUID.class)));
                });
        jdbc.sql("""
                select body, received_at, id from outreach.inbound_message
                where tenant_id = :t and channel = 'SMS' and from_address = :p""")
                .param("t", actor.tenantId().value()).param("p", phone)
                .query(rs -> {
                    UUID id = rs.getObject(3, UUID.class);
                    lines.add(new Line(false, rs.getString(1), rs.getTimestamp(2).toInstant(), null, id));
                });
        // Pictures and files that came with the contact's texts, beside their words.
        var media = mediaStore.of(actor.tenantId(), lines.stream().filter(l -> !l.ours()).map(Line::messageId)
                .toList()).stream().collect(java.util.stream.Collectors.groupingBy(InboundMediaStore.Media::replyId));
        lines.replaceAll(l -> l.ours() || !media.containsKey(l.messageId()) ? l
                : new Line(false, l.body(), l.at(), null, l.messageId(), media.get(l.messageId())));
        lines.sort(Comparator.comparing(Line::at));
        String blocked = blocks.find(actor.tenantId(), phone).map(PhoneBlocks.Block::reason).orElse(null);
        return new Conversation(phone, lines, blocked, replyId);
    }

    /**
     * A picture or file the contact sent, for whoever may see the conversation; not found while it is not fetched
     * yet, or when it failed.
     */
    public InboundMediaStore.Content media(Actor actor, UUID replyId, int position) {
        of(actor, replyId);
        return mediaStore.content(actor.tenantId(), replyId, position)
                .orElseThrow(() -> new NotFoundException("picture of the text", replyId));
    }

    /** A rep's answer in the conversation of a reply. */
    @Transactional
    public OutboundMessage answer(Actor actor, UUID replyId, String text) {
        Conversation c = of(actor, replyId);
        if (text.isBlank()) {
            throw InvalidInputException.of("text", "write the answer first");
        }
        if (text.length() > 1600) {
            throw InvalidInputException.of("text", "at most 1,600 characters (10 segments)");
        }
        if (c.blocked() != null) {
            throw InvalidInputException.of("text", c.blocked());
        }
        return outreach.send(new SendRequest(actor.tenantId(), Channel.SMS, MessagePurpose.NOTIFICATION, c.phone(),
                null, text.strip(), "sms-answer:" + ids.next(), actor.userId()));
    }

    /** The sandbox's stand-in for the contact: answers a text the sandbox delivered. */
    @Transactional
    public SmsInbox.Received simulateReply(Actor actor, UUID messageId, String text, boolean photo) {
        OutboundMessage m = outreach.get(actor, messageId);
        if (!"sandbox".equals(m.providerId()) || m.channel() != Channel.SMS || m.vendorId() == null) {
            throw InvalidInputException.of("message", "only a text the sandbox delivered can be answered here");
        }
        if (text.isBlank() && !photo) {
            throw InvalidInputException.of("text", "write the contact's answer first");
        }
        return inbox.receive(actor.tenantId(), m.to(), text, photo
                ? List.of(new InboundMedia("image/png", "sandbox:roof-photo")) : List.of(), "sandbox-" + ids.next(),
                "sandbox");
    }
}

package dev.ridgeline.outreach.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.ridgeline.outreach.Channel;
import dev.ridgeline.outreach.Reply;
import dev.ridgeline.platform.TenantId;

/** Rows of {@code outreach.inbound_message}. */
@Repository
public class ReplyRepository {

    private static final String COLUMNS = "id, channel, reply_to_message_id, from_address, subject, body, received_at, "
            + "read_at, source";

    private final JdbcClient jdbc;

    ReplyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** False when a message with the same external id was taken before. */
    public boolean insert(TenantId tenant, UUID id, Channel channel, @Nullable UUID replyTo, String from,
            @Nullable String subject, String body, @Nullable String externalId, Instant receivedAt, String source) {
        return jdbc.sql("""
                insert into outreach.inbound_message (tenant_id, id, channel, reply_to_message_id, from_address, subject,
                  body, external_id, received_at, source)
                values (:t, :id, :c, :r, :f, :s, :b, :e, :at, :src)
                on conflict (tenant_id, external_id) where external_id is not null do nothing""")
                .param("t", tenant.value()).param("id", id).param("c", channel.name()).param("r", replyTo)
                .param("f", from).param("s", subject).param("b", body).param("e", externalId)
                .param("at", Timestamp.from(receivedAt)).param("src", source).update() == 1;
    }

    /** The Inbox: replies to messages the user may see (all, or those sent for {@code sentBy}). */
    public List<Reply> list(TenantId tenant, @Nullable UUID sentBy, int limit) {
        return jdbc.sql("select i.id, i.channel, i.reply_to_message_id, i.from_address, i.subject, i.body,"
                        + " i.received_at, i.read_at, i.source from outreach.inbound_message i left join outreach.message m"
                        + " on m.tenant_id = i.tenant_id and m.id = i.reply_to_message_id"
                        + " where i.tenant_id = :t and (cast(:by as uuid) is null or m.created_by = :by)"
                        + " order by i.received_at desc limit :limit")
                .param("t", tenant.value()).param("by", sentBy).param("limit", limit)
                .query(ReplyRepository::map).list();
    }

    public Optional<Reply> find(TenantId tenant, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from outreach.inbound_message where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", id).query(ReplyRepository::map).optional();
    }

    public List<Reply> repliesTo(TenantId tenant, UUID messageId) {
        return jdbc.sql("select " + COLUMNS + " from outreach.inbound_message where tenant_id = :t"
                        + " and reply_to_message_id = :m order by received_at")
                .param("t", tenant.value()).param("m", messageId).query(ReplyRepository::map).list();
    }

    public void markRead(TenantId tenant, UUID id, Instant now) {
        jdbc.sql("update outreach.inbound_message set read_at = coalesce(read_at, :now) where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", id).param("now", Timestamp.from(now)).update();
    }

    private static Reply map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp read = rs.getTimestamp(8);
        return new Reply(rs.getObject(1, UUID.class), Channel.valueOf(rs.getString(2)), rs.getObject(3, UUID.class),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                read == null ? null : read.toInstant(), rs.getString(9));
    }
}

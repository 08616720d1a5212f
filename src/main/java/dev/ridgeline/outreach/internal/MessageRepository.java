package dev.ridgeline.outreach.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.ridgeline.outreach.Channel;
import dev.ridgeline.outreach.FailureClass;
import dev.ridgeline.outreach.MessagePurpose;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.OutboundMessage;
import dev.ridgeline.outreach.OutreachService.OutboxFilter;
import dev.ridgeline.outreach.SendRequest;
import dev.ridgeline.outreach.StatusChange;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;

/** Rows of {@code outreach.message} and their status history. */
@Repository
public class MessageRepository {

    private final JdbcClient jdbc;

    MessageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the message as queued; false if the idempotency key already exists. */
    public boolean insertQueued(UUID id, SendRequest r, String providerId, Instant now) {
        int inserted = jdbc.sql("""
                insert into outreach.message (tenant_id, id, channel, purpose, idempotency_key, provider_id, to_address,
                  subject, body, body_html, template_id, status, created_by, created_at, updated_at)
                values (:t, :id, :channel, :purpose, :key, :provider, :to, :subject, :body, :html, :template, 'QUEUED',
                  :by, :now, :now)
                on conflict (tenant_id, idempotency_key) do nothing""")
                .param("t", r.tenantId().value()).param("id", id).param("channel", r.channel().name())
                .param("purpose", r.purpose().name()).param("key", r.idempotencyKey()).param("provider", providerId)
                .param("to", r.to()).param("subject", r.subject()).param("body", r.body())
                .param("html", r.htmlBody()).param("template", r.templateId())
                .param("by", r.createdBy() == null ? null : r.createdBy().value()).param("now", Timestamp.from(now))
                .update();
        if (inserted == 1) {
            addHistory(r.tenantId(), id, MessageStatus.QUEUED, "recorded", now);
        }
        return inserted == 1;
    }

    /** A message to record as queued, with its unsubscribe token and A/B variant where it has them. */
    public record NewMessage(UUID id, SendRequest request, String providerId, @Nullable String unsubscribeToken,
            @Nullable String variant) {
    }

    /**
     * {@link #insertQueued} for many messages of one company, with their history, in one statement; the ids that
     * were inserted (a message whose idempotency key is there already is not).
     */
    public java.util.Set<UUID> insertQueuedAll(TenantId tenant, List<NewMessage> rows, Instant now) {
        if (rows.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("""
                with x as (
                  select * from unnest(cast(:id as uuid[]), cast(:channel as text[]), cast(:purpose as text[]),
                    cast(:key as text[]), cast(:provider as text[]), cast(:to as text[]), cast(:subject as text[]),
                    cast(:body as text[]), cast(:html as text[]), cast(:template as uuid[]), cast(:by as uuid[]),
                    cast(:token as text[]), cast(:variant as text[]))
                    as x(id, channel, purpose, key, provider, to_address, subject, body, html, template, by, token,
                      variant)),
                ins as (
                  insert into outreach.message (tenant_id, id, channel, purpose, idempotency_key, provider_id,
                    to_address, subject, body, body_html, template_id, status, created_by, created_at, updated_at,
                    unsubscribe_token, variant)
                  select :t, id, channel, purpose, key, provider, to_address, subject, body, html, template, 'QUEUED',
                    by, :now, :now, token, variant from x
                  on conflict (tenant_id, idempotency_key) do nothing
                  returning id),
                history as (
                  insert into outreach.message_status_change (tenant_id, message_id, status, detail, occurred_at)
                  select :t, id, 'QUEUED', 'recorded', :now from ins)
                select id from ins""")
                .param("t", tenant.value())
                .param("id", rows.stream().map(NewMessage::id).toArray(UUID[]::new))
                .param("channel", rows.stream().map(r -> r.request().channel().name()).toArray(String[]::new))
                .param("purpose", rows.stream().map(r -> r.request().purpose().name()).toArray(String[]::new))
                .param("key", rows.stream().map(r -> r.request().idempotencyKey()).toArray(String[]::new))
                .param("provider", rows.stream().map(NewMessage::providerId).toArray(String[]::new))
                .param("to", rows.stream().map(r -> r.request().to()).toArray(String[]::new))
                .param("subject", rows.stream().map(r -> r.request().subject()).toArray(String[]::new))
                .param("body", rows.stream().map(r -> r.request().body()).toArray(String[]::new))
                .param("html", rows.stream().map(r -> r.request().htmlBody()).toArray(String[]::new))
                .param("template", rows.stream().map(r -> r.request().templateId()).toArray(UUID[]::new))
                .param("by", rows.stream().map(r -> r.request().createdBy() == null ? null
                        : r.request().createdBy().value()).toArray(UUID[]::new))
                .param("token", rows.stream().map(NewMessage::unsubscribeToken).toArray(String[]::new))
                .param("variant", rows.stream().map(NewMessage::variant).toArray(String[]::new))
                .param("now", Timestamp.from(now))
                .query(UUID.class).list());
    }

    /** The messages of a company with these idempotency keys: their ids, by key. */
    public java.util.Map<String, UUID> idsByIdempotencyKeys(TenantId tenant, java.util.Collection<String> keys) {
        java.util.Map<String, UUID> out = new java.util.HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        jdbc.sql("select idempotency_key, id from outreach.message where tenant_id = :t and idempotency_key = any(:k)")
                .param("t", tenant.value()).param("k", keys.toArray(String[]::new))
                .query((rs, n) -> out.put(rs.getString(1), rs.getObject(2, UUID.class))).list();
        return out;
    }

    /**
     * {@link #claim} for many messages of a company in one statement, with their history: those that were queued,
     * now SENDING, each with its unsubscribe token (null where it has none).
     */
    public List<Claimed> claimAll(TenantId tenant, java.util.Collection<UUID> ids, Instant now) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                with claimed as (
                  update outreach.message set status = 'SENDING', updated_at = :now
                  where tenant_id = :t and id = any(:ids) and status = 'QUEUED'
                  returning *),
                history as (
                  insert into outreach.message_status_change (tenant_id, message_id, status, detail, occurred_at)
                  select tenant_id, id, 'SENDING', 'handing to provider', :now from claimed)
                select * from claimed order by created_at, id""")
                .param("t", tenant.value()).param("ids", ids.toArray(UUID[]::new)).param("now", Timestamp.from(now))
                .query((rs, n) -> new Claimed(map(rs, n), rs.getString("unsubscribe_token"),
                        rs.getObject("connection_id", UUID.class), (Timestamp) rs.getTimestamp("paced_until")))
                .list();
    }

    /** A message claimed for sending, with what the dispatcher would otherwise read again. */
    public record Claimed(OutboundMessage message, @Nullable String unsubscribeToken, @Nullable UUID pinnedConnection,
            @Nullable Timestamp pacedUntil) {
    }

    /** What a provider answered for one message of a batch. */
    public record Handed(UUID id, UUID connectionId, String providerId, String vendorId, @Nullable String from,
            MessageStatus status, @Nullable Integer segments, @Nullable String threadId) {
    }

    /** {@link #accepted} for many messages of a company: two statements. */
    public void acceptedAll(TenantId tenant, List<Handed> handed, Instant now) {
        if (handed.isEmpty()) {
            return;
        }
        jdbc.sql("""
                with x as (
                  select * from unnest(cast(:id as uuid[]), cast(:c as uuid[]), cast(:p as text[]), cast(:v as text[]),
                    cast(:f as text[]), cast(:s as text[]), cast(:seg as int[]), cast(:th as text[]))
                    as x(id, connection, provider, vendor, sender, status, segments, thread)),
                moved as (
                  update outreach.message m set provider_id = x.provider, vendor_id = x.vendor, from_address = x.sender,
                    status = x.status, segments = x.segments, updated_at = :now, handed_at = :now,
                    connection_id = x.connection, vendor_thread_id = x.thread
                  from x where m.tenant_id = :t and m.id = x.id
                  returning m.id, x.status, x.provider, x.vendor),
                sending as (
                  update outreach.message_status_change h set detail = 'accepted by ' || moved.provider || ' as '
                    || moved.vendor
                  from moved where moved.status = 'SENDING' and h.tenant_id = :t and h.message_id = moved.id
                    and h.status = 'SENDING')
                insert into outreach.message_status_change (tenant_id, message_id, status, detail, occurred_at)
                select :t, id, status, 'accepted by ' || provider || ' as ' || vendor, :now from moved
                where status <> 'SENDING'""")
                .param("t", tenant.value())
                .param("id", handed.stream().map(Handed::id).toArray(UUID[]::new))
                .param("c", handed.stream().map(Handed::connectionId).toArray(UUID[]::new))
                .param("p", handed.stream().map(Handed::providerId).toArray(String[]::new))
                .param("v", handed.stream().map(Handed::vendorId).toArray(String[]::new))
                .param("f", handed.stream().map(Handed::from).toArray(String[]::new))
                .param("s", handed.stream().map(h -> h.status().name()).toArray(String[]::new))
                .param("seg", handed.stream().map(Handed::segments).toArray(Integer[]::new))
                .param("th", handed.stream().map(Handed::threadId).toArray(String[]::new))
                .param("now", Timestamp.from(now)).update();
    }

    /** Sends a queued message through one connection rather than the one the rotation would choose. */
    public void pin(TenantId tenant, UUID id, UUID connectionId) {
        jdbc.sql("update outreach.message set connection_id = :c where tenant_id = :t and id = :id and status = 'QUEUED'")
                .param("t", tenant.value()).param("id", id).param("c", connectionId).update();
    }

    /** The connection a message was pinned to when queued (before it is handed over, nothing else sets it). */
    public Optional<UUID> pinnedConnection(TenantId tenant, UUID id) {
        return jdbc.sql("select connection_id from outreach.message where tenant_id = :t and id = :id and vendor_id is null"
                        + " and connection_id is not null")
                .param("t", tenant.value()).param("id", id).query(UUID.class).optional();
    }

    /** The newest email to an address with this subject (a reply that lost its headers). */
    public Optional<OutboundMessage> latestTo(TenantId tenant, String address, String subject) {
        return jdbc.sql("""
                select * from outreach.message where tenant_id = :t and channel = 'EMAIL' and lower(to_address) = :a
                  and subject = :s order by created_at desc limit 1""")
                .param("t", tenant.value()).param("a", address).param("s", subject)
                .query(MessageRepository::map).optional();
    }

    public void setHtmlBody(TenantId tenant, UUID id, String html) {
        jdbc.sql("update outreach.message set body_html = :h where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", id).param("h", html).update();
    }

    /** The company of a message by id alone (a tracking link names the message, not the company). */
    public Optional<OutboundMessage> findAnyTenant(UUID id) {
        return jdbc.sql("select * from outreach.message where id = :id").param("id", id)
                .query(MessageRepository::map).optional();
    }

    /** Puts a claimed message back in the queue with the reason it waits (a cap, a paused mailbox). */
    public void hold(TenantId tenant, UUID id, String reason, Instant now) {
        int held = jdbc.sql("""
                update outreach.message set status = 'QUEUED', updated_at = :now
                where tenant_id = :t and id = :id and status = 'SENDING'""")
                .param("t", tenant.value()).param("id", id).param("now", Timestamp.from(now)).update();
        if (held == 1) {
            addHistory(tenant, id, MessageStatus.QUEUED, "held: " + reason, now);
        }
    }

    /**
     * Puts a message that bounced softly back in the queue to be sent again later, the reason kept in its history
     * as a hold (so {@link #heldCount} counts the resends). Its vendor id and hand-over time are let go: a late report
     * about the send that bounced finds nothing, and a node that dies while sending it again leaves it to the
     * recovery of unrecorded hand-overs like any other. False if it is no longer a soft bounce.
     */
    public boolean reopenBounced(TenantId tenant, UUID id, String reason, Instant now) {
        int reopened = jdbc.sql("""
                update outreach.message set status = 'QUEUED', failure_class = null, failure_code = null,
                  failure_reason = null, vendor_id = null, handed_at = null, updated_at = :now
                where tenant_id = :t and id = :id and status = 'BOUNCED' and failure_class = 'RETRYABLE'""")
                .param("t", tenant.value()).param("id", id).param("now", Timestamp.from(now)).update();
        if (reopened == 1) {
            addHistory(tenant, id, MessageStatus.QUEUED, "held: " + reason, now);
        }
        return reopened == 1;
    }

    /** How many times the message was held with a reason starting {@code prefix} (retries so far). */
    public int heldCount(TenantId tenant, UUID id, String prefix) {
        return jdbc.sql("""
                select count(*) from outreach.message_status_change
                where tenant_id = :t and message_id = :id and status = 'QUEUED' and detail like :p""")
                .param("t", tenant.value()).param("id", id).param("p", "held: " + prefix + "%")
                .query(Integer.class).single();
    }

    /** Marketing emails waiting on a mailbox (resumed or a new day): their ids, oldest first. */
    public List<UUID> queuedOutreach(TenantId tenant, int limit) {
        return jdbc.sql("""
                select id from outreach.message where tenant_id = :t and channel = 'EMAIL' and purpose = 'OUTREACH'
                  and status = 'QUEUED' order by created_at limit :limit""")
                .param("t", tenant.value()).param("limit", limit).query(UUID.class).list();
    }

    /** A message left in flight by a node that stopped. */
    public record InFlight(TenantId tenant, UUID id) {
    }

    /**
     * Messages queued before {@code before} that nothing is about to dispatch: no retry or hold is scheduled for
     * them and their last word is not a hold (their dispatch was lost with a node).
     */
    public List<InFlight> strandedQueued(Instant before, int limit) {
        return jdbc.sql("""
                select m.tenant_id, m.id from outreach.message m
                where m.handed_at is null and m.failure_class is null and m.status = 'QUEUED' and m.updated_at < :before
                  and not exists (select 1 from platform.scheduled_tasks s
                    where s.task_name = :task and s.task_instance = m.id::text)
                  and not exists (select 1 from outreach.message_status_change h
                    where h.tenant_id = m.tenant_id and h.message_id = m.id and h.status = 'QUEUED' and h.detail like 'held:%'
                      and h.occurred_at >= m.updated_at)
                order by m.updated_at limit :n""")
                .param("before", Timestamp.from(before)).param("task", Redispatch.TASK).param("n", limit)
                .query((rs, n) -> new InFlight(new TenantId(rs.getObject(1, UUID.class)), rs.getObject(2, UUID.class)))
                .list();
    }

    /** Messages claimed for a provider before {@code before} whose hand-over was never recorded. */
    public List<InFlight> strandedSending(Instant before, int limit) {
        return jdbc.sql("""
                select tenant_id, id from outreach.message
                where handed_at is null and failure_class is null and status = 'SENDING' and updated_at < :before
                order by updated_at limit :n""")
                .param("before", Timestamp.from(before)).param("n", limit)
                .query((rs, n) -> new InFlight(new TenantId(rs.getObject(1, UUID.class)), rs.getObject(2, UUID.class)))
                .list();
    }

    /** Puts a stranded SENDING message back in the queue, with why; false if it moved on meanwhile. */
    public boolean requeue(TenantId tenant, UUID id, String why, Instant now) {
        int moved = jdbc.sql("""
                update outreach.message set status = 'QUEUED', updated_at = :now
                where tenant_id = :t and id = :id and status = 'SENDING' and handed_at is null""")
                .param("t", tenant.value()).param("id", id).param("now", Timestamp.from(now)).update();
        if (moved == 1) {
            addHistory(tenant, id, MessageStatus.QUEUED, why, now);
        }
        return moved == 1;
    }

    public void accepted(TenantId tenant, UUID id, UUID connectionId, String providerId, String vendorId,
            @Nullable String from, MessageStatus status, @Nullable Integer segments, @Nullable String threadId,
            Instant now) {
        jdbc.sql("""
                update outreach.message set provider_id = :provider, vendor_id = :vendor, from_address = :from,
                  status = :status, segments = :segments, updated_at = :now, handed_at = :now,
                  connection_id = :connection, vendor_thread_id = :thread
                where tenant_id = :t and id = :id""")
                .param("t", tenant.value()).param("id", id).param("provider", providerId).param("vendor", vendorId)
                .param("thread", threadId)
                .param("connection", connectionId)
                .param("from", from).param("status", status.name()).param("segments", segments)
                .param("now", Timestamp.from(now)).update();
        String detail = "accepted by " + providerId + " as " + vendorId;
        if (status == MessageStatus.SENDING) {
            jdbc.sql("""
                    update outreach.message_status_change set detail = :d
                    where tenant_id = :t and message_id = :id and status = 'SENDING'""")
                    .param("t", tenant.value()).param("id", id).param("d", detail).update();
        } else {
            addHistory(tenant, id, status, detail, now);
        }
    }

    public void updateStatus(TenantId tenant, UUID id, MessageStatus status, @Nullable FailureClass failureClass,
            @Nullable String failureCode, @Nullable String detail, Instant now) {
        jdbc.sql("""
                update outreach.message set status = :status, failure_class = coalesce(:fc, failure_class),
                  failure_code = coalesce(:code, failure_code), failure_reason = coalesce(:reason, failure_reason),
                  updated_at = :now
                where tenant_id = :t and id = :id""")
                .param("t", tenant.value()).param("id", id).param("status", status.name())
                .param("fc", failureClass == null ? null : failureClass.name()).param("code", failureCode)
                .param("reason", status.failed() ? detail : null).param("now", Timestamp.from(now)).update();
        addHistory(tenant, id, status, detail, now);
    }

    public void updateDuration(TenantId tenant, UUID id, int seconds, Instant now) {
        jdbc.sql("update outreach.message set duration_seconds = :s, updated_at = :now where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", id).param("s", seconds).param("now", Timestamp.from(now))
                .update();
    }

    public Optional<OutboundMessage> find(TenantId tenant, UUID id) {
        return jdbc.sql("select * from outreach.message where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", id).query(MessageRepository::map).optional();
    }

    public Optional<OutboundMessage> findByIdempotencyKey(TenantId tenant, String key) {
        return jdbc.sql("select * from outreach.message where tenant_id = :t and idempotency_key = :k")
                .param("t", tenant.value()).param("k", key).query(MessageRepository::map).optional();
    }

    /** Locks the row until the transaction ends, so concurrent callbacks for one message apply one at a time. */
    public Optional<OutboundMessage> lockByVendorId(String providerId, String vendorId) {
        return jdbc.sql("select * from outreach.message where provider_id = :p and vendor_id = :v for update")
                .param("p", providerId).param("v", vendorId).query(MessageRepository::map).optional();
    }

    /** The latest email of the company in a vendor's conversation (Gmail thread, Graph conversation). */
    public Optional<OutboundMessage> findByThread(TenantId tenant, String providerId, String threadId) {
        return jdbc.sql("select * from outreach.message where tenant_id = :t and provider_id = :p and vendor_thread_id = :th"
                        + " and channel = 'EMAIL' order by created_at desc limit 1")
                .param("t", tenant.value()).param("p", providerId).param("th", threadId)
                .query(MessageRepository::map).optional();
    }

    public Optional<OutboundMessage> findByVendorId(String providerId, String vendorId) {
        return jdbc.sql("select * from outreach.message where provider_id = :p and vendor_id = :v")
                .param("p", providerId).param("v", vendorId).query(MessageRepository::map).optional();
    }

    public List<OutboundMessage> list(TenantId tenant, @Nullable UserId onlyCreatedBy, OutboxFilter filter) {
        return jdbc.sql("""
                select * from outreach.message
                where tenant_id = :t
                  and (cast(:by as uuid) is null or created_by = cast(:by as uuid))
                  and (cast(:channel as text) is null or channel = cast(:channel as text))
                  and (cast(:status as text) is null or status = cast(:status as text))
                order by created_at desc, id desc
                limit :limit""")
                .param("t", tenant.value()).param("by", onlyCreatedBy == null ? null : onlyCreatedBy.value())
                .param("channel", filter.channel() == null ? null : filter.channel().name())
                .param("status", filter.status() == null ? null : filter.status().name())
                .param("limit", Math.clamp(filter.limit(), 1, 500))
                .query(MessageRepository::map).list();
    }

    public List<OutboundMessage> sandboxSignIn(Instant since, int limit) {
        return jdbc.sql("""
                select * from outreach.message
                where provider_id = 'sandbox' and purpose in ('SIGN_IN', 'INVITATION') and created_at >= :since
                order by created_at desc, id desc limit :limit""")
                .param("since", Timestamp.from(since)).param("limit", limit).query(MessageRepository::map).list();
    }

    public List<StatusChange> history(TenantId tenant, UUID id) {
        return jdbc.sql("""
                select status, detail, occurred_at from outreach.message_status_change
                where tenant_id = :t and message_id = :id order by seq""")
                .param("t", tenant.value()).param("id", id)
                .query((rs, n) -> new StatusChange(MessageStatus.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getTimestamp(3).toInstant()))
                .list();
    }

    public dev.ridgeline.outreach.OutreachService.Engagement engagement(TenantId tenant, UUID messageId) {
        return jdbc.sql("""
                select coalesce(bool_or(kind = 'OPEN' and not machine or kind = 'CLICK'), false),
                  coalesce(bool_or(kind = 'CLICK'), false)
                from outreach.email_event where tenant_id = :t and message_id = :m""")
                .param("t", tenant.value()).param("m", messageId)
                .query((rs, n) -> new dev.ridgeline.outreach.OutreachService.Engagement(rs.getBoolean(1),
                        rs.getBoolean(2))).single();
    }

    /** A provider's report that one of its messages reached a status, for {@link #moveStatuses}. */
    public record VendorStatus(TenantId tenant, String vendorId, MessageStatus status, String detail) {
    }

    /** A message a bulk report moved. */
    public record Moved(TenantId tenant, UUID id, Channel channel, MessageStatus status) {
    }

    /** The status ranks as SQL, from {@link MessageStatus} itself, so the two cannot drift apart. */
    private static final String RANK = java.util.Arrays.stream(MessageStatus.values())
            .map(s -> "when '" + s.name() + "' then " + s.rank())
            .collect(java.util.stream.Collectors.joining(" ", "case m.status ", " end"));
    private static final String TERMINAL = java.util.Arrays.stream(MessageStatus.values())
            .filter(MessageStatus::terminal).map(s -> "'" + s.name() + "'")
            .collect(java.util.stream.Collectors.joining(", ", "(", ")"));

    /**
     * Applies many reports of statuses that are not failures in two statements (an update and its history), by
     * the same rule as one at a time: a message moves only forward, never out of a terminal status, and only when
     * it is the reporting company's. Each vendor id at most once per call.
     */
    public List<Moved> moveStatuses(String providerId, List<VendorStatus> reports, Instant now) {
        if (reports.isEmpty()) {
            return List.of();
        }
        if (reports.stream().anyMatch(r -> r.status().failed())) {
            throw new IllegalArgumentException("failures carry a code and a reason: record them one at a time");
        }
        return jdbc.sql("""
                with x as (
                  select * from unnest(cast(:t as uuid[]), cast(:v as text[]), cast(:s as text[]), cast(:r as int[]),
                    cast(:d as text[])) as x(t, v, s, r, d)),
                moved as (
                  update outreach.message m set status = x.s, updated_at = :now
                  from x
                  where m.provider_id = :p and m.vendor_id = x.v and m.tenant_id = x.t
                    and m.status not in %s and m.status <> x.s and %s <= x.r
                  returning m.tenant_id, m.id, m.channel, m.status, x.d),
                history as (
                  insert into outreach.message_status_change (tenant_id, message_id, status, detail, occurred_at)
                  select tenant_id, id, status, d, :now from moved)
                select tenant_id, id, channel, status from moved""".formatted(TERMINAL, RANK))
                .param("t", reports.stream().map(r -> r.tenant().value()).toArray(UUID[]::new))
                .param("v", reports.stream().map(VendorStatus::vendorId).toArray(String[]::new))
                .param("s", reports.stream().map(r -> r.status().name()).toArray(String[]::new))
                .param("r", reports.stream().map(r -> r.status().rank()).toArray(Integer[]::new))
                .param("d", reports.stream().map(VendorStatus::detail).toArray(String[]::new))
                .param("p", providerId).param("now", Timestamp.from(now))
                .query((rs, n) -> new Moved(new TenantId(rs.getObject(1, UUID.class)), rs.getObject(2, UUID.class),
                        Channel.valueOf(rs.getString(3)), MessageStatus.valueOf(rs.getString(4))))
                .list();
    }

    private void addHistory(TenantId tenant, UUID id, MessageStatus status, @Nullable String detail, Instant now) {
        jdbc.sql("""
                insert into outreach.message_status_change (tenant_id, message_id, status, detail, occurred_at)
                values (:t, :id, :status, :detail, :now)""")
                .param("t", tenant.value()).param("id", id).param("status", status.name()).param("detail", detail)
                .param("now", Timestamp.from(now)).update();
    }

    private static OutboundMessage map(ResultSet rs, int n) throws SQLException {
        String fc = rs.getString("failure_class");
        UUID by = rs.getObject("created_by", UUID.class);
        return new OutboundMessage(rs.getObject("id", UUID.class), new TenantId(rs.getObject("tenant_id", UUID.class)),
                Channel.valueOf(rs.getString("channel")), MessagePurpose.valueOf(rs.getString("purpose")),
                rs.getString("provider_id"), rs.getString("vendor_id"), rs.getString("from_address"),
                rs.getString("to_address"), rs.getString("subject"), rs.getString("body"),
                MessageStatus.valueOf(rs.getString("status")), fc == null ? null : FailureClass.valueOf(fc),
                rs.getString("failure_code"), rs.getString("failure_reason"), (Integer) rs.getObject("segments"),
                (Integer) rs.getObject("duration_seconds"), by == null ? null : new UserId(by),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getString("body_html"));
    }
}

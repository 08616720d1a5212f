package dev.ridgeline.sequences.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;
import dev.ridgeline.sequences.Enrolment;

/** Enrolments, the record of each step they ran, and the tasks steps made. */
@Repository
public class EnrolmentRepository {

    /** An enrolment whose step is due, claimed by this node until {@code lease}. */
    public record Claimed(TenantId tenant, UUID id, UUID sequenceId, UUID leadId, int position, Instant dueAt,
            @Nullable UserId enrolledBy) {
    }

    /** How a step ended. */
    public enum RunStatus {
        STARTED, SENT, TASK_CREATED, SKIPPED, FAILED
    }

    private final JdbcClient jdbc;

    EnrolmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Enrols a lead unless it is already active in the sequence; true when it was enrolled now. */
    public boolean enrol(TenantId tenant, UUID id, UUID sequenceId, UUID leadId, Instant nextAt, @Nullable UserId by,
            String how, Instant now) {
        return jdbc.sql("""
                insert into sequences.enrolment (tenant_id, id, sequence_id, lead_id, status, next_position, next_at,
                  enrolled_by, enrolled_how, enrolled_at, updated_at)
                values (:t, :id, :s, :l, 'ACTIVE', 0, :next, :by, :how, :now, :now)
                on conflict (tenant_id, sequence_id, lead_id) where status = 'ACTIVE' do nothing""")
                .param("t", tenant.value()).param("id", id).param("s", sequenceId).param("l", leadId)
                .param("next", Timestamp.from(nextAt)).param("by", by == null ? null : by.value()).param("how", how)
                .param("now", Timestamp.from(now)).update() == 1;
    }

    /**
     * Claims up to {@code limit} enrolments whose next step is due, oldest first, by moving their due time to
     * {@code lease}: other nodes skip them (row locks while claiming, the lease after), and a node that dies leaves
     * them to be claimed again when the lease runs out.
     */
    public List<Claimed> claimDue(Instant now, Instant lease, int limit) {
        return jdbc.sql("""
                with due as (
                  select tenant_id, id, next_at from sequences.enrolment
                  where status = 'ACTIVE' and next_at <= :now order by next_at limit :n for update skip locked)
                update sequences.enrolment e set next_at = :lease
                from due where e.tenant_id = due.tenant_id and e.id = due.id
                returning e.tenant_id, e.id, e.sequence_id, e.lead_id, e.next_position, due.next_at, e.enrolled_by""")
                .param("now", Timestamp.from(now)).param("lease", Timestamp.from(lease)).param("n", limit)
                .query((rs, n) -> {
                    UUID by = rs.getObject(7, UUID.class);
                    return new Claimed(new TenantId(rs.getObject(1, UUID.class)), rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getInt(5),
                            rs.getTimestamp(6).toInstant(), by == null ? null : new UserId(by));
                })
                .list();
    }

    /**
     * {@link #start} for many steps of one company in one statement: the status of each step's record by enrolment,
     * STARTED for those recorded now and for those a crash left started.
     */
    public java.util.Map<UUID, RunStatus> startAll(TenantId tenant, List<Claimed> steps, Instant now) {
        java.util.Map<UUID, RunStatus> out = new java.util.HashMap<>();
        if (steps.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                with x as (
                  select * from unnest(cast(:e as uuid[]), cast(:p as int[]), cast(:k as text[]),
                    cast(:due as timestamptz[])) as x(e, p, k, due)),
                ins as (
                  insert into sequences.step_run (tenant_id, enrolment_id, position, status, idempotency_key, due_at,
                    started_at)
                  select :t, e, p, 'STARTED', k, due, :now from x on conflict do nothing
                  returning enrolment_id, position)
                select x.e, coalesce(r.status, 'STARTED') from x
                left join sequences.step_run r on r.tenant_id = :t and r.enrolment_id = x.e and r.position = x.p""")
                .param("t", tenant.value()).param("e", steps.stream().map(Claimed::id).toArray(UUID[]::new))
                .param("p", steps.stream().map(Claimed::position).toArray(Integer[]::new))
                .param("k", steps.stream().map(EnrolmentRepository::key).toArray(String[]::new))
                .param("due", steps.stream().map(c -> Timestamp.from(c.dueAt())).toArray(Timestamp[]::new))
                .param("now", Timestamp.from(now))
                .query((rs, n) -> out.put(rs.getObject(1, UUID.class), RunStatus.valueOf(rs.getString(2)))).list();
        return out;
    }

    /** The idempotency key of a step: the channel sends it once whatever happens. */
    static String key(Claimed c) {
        return "seq:" + c.id() + ":" + c.position();
    }

    /** A step's outcome, for {@link #finishAll}. */
    public record Outcome(Claimed step, RunStatus status, @Nullable UUID messageId, @Nullable String channel,
            @Nullable String variant, @Nullable String detail, @Nullable Instant nextAt) {
    }

    /**
     * {@link #finish} for many steps of one company: two statements. A step whose outcome was recorded already (a
     * lease ran out under a slow node) keeps its message, detail and time.
     */
    public void finishAll(TenantId tenant, List<Outcome> outcomes, Instant now) {
        if (outcomes.isEmpty()) {
            return;
        }
        UUID[] e = outcomes.stream().map(o -> o.step().id()).toArray(UUID[]::new);
        Integer[] p = outcomes.stream().map(o -> o.step().position()).toArray(Integer[]::new);
        Timestamp[] next = outcomes.stream().map(o -> o.nextAt() == null ? null : Timestamp.from(o.nextAt()))
                .toArray(Timestamp[]::new);
        jdbc.sql("""
                update sequences.step_run r set status = x.s, message_id = coalesce(x.m, r.message_id),
                  channel = coalesce(x.ch, r.channel), detail = coalesce(x.d, r.detail),
                  finished_at = coalesce(r.finished_at, :now), variant = coalesce(x.v, r.variant)
                from unnest(cast(:e as uuid[]), cast(:p as int[]), cast(:s as text[]), cast(:m as uuid[]),
                  cast(:ch as text[]), cast(:d as text[]), cast(:v as text[])) as x(e, p, s, m, ch, d, v)
                where r.tenant_id = :t and r.enrolment_id = x.e and r.position = x.p""")
                .param("t", tenant.value()).param("e", e).param("p", p)
                .param("s", outcomes.stream().map(o -> o.status().name()).toArray(String[]::new))
                .param("m", outcomes.stream().map(Outcome::messageId).toArray(UUID[]::new))
                .param("ch", outcomes.stream().map(Outcome::channel).toArray(String[]::new))
                .param("d", outcomes.stream().map(Outcome::detail).toArray(String[]::new))
                .param("v", outcomes.stream().map(Outcome::variant).toArray(String[]::new))
                .param("now", Timestamp.from(now)).update();
        jdbc.sql("""
                update sequences.enrolment en set next_position = x.p + 1, next_at = x.next,
                  status = case when x.next is null then 'COMPLETED' else en.status end, updated_at = :now
                from unnest(cast(:e as uuid[]), cast(:p as int[]), cast(:next as timestamptz[])) as x(e, p, next)
                where en.tenant_id = :t and en.id = x.e and en.status = 'ACTIVE' and en.next_position = x.p""")
                .param("t", tenant.value()).param("e", e).param("p", p).param("next", next)
                .param("now", Timestamp.from(now)).update();
    }

    /** The active ones among {@code ids}. */
    public java.util.Set<UUID> activeAmong(TenantId tenant, java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("""
                select id from sequences.enrolment where tenant_id = :t and id = any(:ids) and status = 'ACTIVE'""")
                .param("t", tenant.value()).param("ids", ids.toArray(UUID[]::new)).query(UUID.class).list());
    }

    /** {@link #touchesSince} for many leads, by lead (oldest first; a lead with none is left out). */
    public java.util.Map<UUID, List<Instant>> touchesOf(TenantId tenant, java.util.Collection<UUID> leadIds,
            Instant since) {
        java.util.Map<UUID, List<Instant>> out = new java.util.HashMap<>();
        if (leadIds.isEmpty()) {
            return out;
        }
        // Through each lead's enrolments and their own steps, by the step key (an enrolment has a few), never a scan
        // of the week's sends: the lateral keeps the time out of the index choice, and "offset 0" keeps the planner
        // from flattening it into a join over every step of the week, whatever plan it caches.
        jdbc.sql("""
                select e.lead_id, r.finished_at from sequences.enrolment e
                cross join lateral (
                  select r.status, r.finished_at from sequences.step_run r
                  where r.tenant_id = e.tenant_id and r.enrolment_id = e.id offset 0) r
                where e.tenant_id = :t and e.lead_id = any(:l) and r.status = 'SENT' and r.finished_at >= :since
                order by r.finished_at""")
                .param("t", tenant.value()).param("l", leadIds.stream().distinct().toArray(UUID[]::new))
                .param("since", Timestamp.from(since))
                .query((rs, n) -> out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new java.util.ArrayList<>())
                        .add(rs.getTimestamp(2).toInstant())).list();
        return out;
    }

    /**
     * Records a step's outcome and moves the enrolment on: to {@code nextAt} for step {@code position + 1}, or
     * completed when {@code nextAt} is null. An enrolment a goal stopped meanwhile stays stopped.
     */
    public void finish(Claimed c, RunStatus status, @Nullable UUID messageId, @Nullable String channel,
            @Nullable String detail, @Nullable Instant nextAt, Instant now) {
        finish(c, status, messageId, channel, null, detail, nextAt, now);
    }

    /** The same, with the A/B variant the step carried out. */
    public void finish(Claimed c, RunStatus status, @Nullable UUID messageId, @Nullable String channel,
            @Nullable String variant, @Nullable String detail, @Nullable Instant nextAt, Instant now) {
        jdbc.sql("""
                update sequences.step_run set status = :s, message_id = :m, channel = :ch, detail = :d, finished_at = :now,
                  variant = :v
                where tenant_id = :t and enrolment_id = :e and position = :p""")
                .param("s", status.name()).param("m", messageId).param("ch", channel).param("d", detail)
                .param("v", variant)
                .param("now", Timestamp.from(now)).param("t", c.tenant().value()).param("e", c.id())
                .param("p", c.position()).update();
        jdbc.sql("""
                update sequences.enrolment set next_position = :p + 1, next_at = :next,
                  status = case when :next::timestamptz is null then 'COMPLETED' else status end, updated_at = :now
                where tenant_id = :t and id = :e and status = 'ACTIVE' and next_position = :p""")
                .param("p", c.position()).param("next", nextAt == null ? null : Timestamp.from(nextAt))
                .param("now", Timestamp.from(now)).param("t", c.tenant().value()).param("e", c.id()).update();
    }

    /** Puts the enrolment's due step off to {@code at} (frequency cap, paused sequence). */
    public void postpone(Claimed c, Instant at, Instant now) {
        jdbc.sql("""
                update sequences.enrolment set next_at = :at, updated_at = :now
                where tenant_id = :t and id = :e and status = 'ACTIVE' and next_position = :p""")
                .param("at", Timestamp.from(at)).param("now", Timestamp.from(now)).param("t", c.tenant().value())
                .param("e", c.id()).param("p", c.position()).update();
    }

    public int countActive(TenantId tenant) {
        return jdbc.sql("select count(*) from sequences.enrolment where tenant_id = :t and status = 'ACTIVE'")
                .param("t", tenant.value()).query(Integer.class).single();
    }

    /** Stops an active enrolment; true when it was active. */
    public boolean stop(TenantId tenant, UUID id, String reason, Instant now) {
        return jdbc.sql("""
                update sequences.enrolment set status = 'STOPPED', stop_reason = :r, next_at = null, updated_at = :now
                where tenant_id = :t and id = :id and status = 'ACTIVE'""")
                .param("t", tenant.value()).param("id", id).param("r", reason).param("now", Timestamp.from(now))
                .update() == 1;
    }

    /** Stops every active enrolment of a lead; how many. */
    public int stopLead(TenantId tenant, UUID leadId, String reason, Instant now) {
        return jdbc.sql("""
                update sequences.enrolment set status = 'STOPPED', stop_reason = :r, next_at = null, updated_at = :now
                where tenant_id = :t and lead_id = :l and status = 'ACTIVE'""")
                .param("t", tenant.value()).param("l", leadId).param("r", reason).param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Stops the active enrolments of a lead whose sequences are done at {@code stage} (their stop stage is this one
     * or an earlier one); how many.
     */
    public int stopLeadAtStage(TenantId tenant, UUID leadId, dev.ridgeline.leads.LeadStage stage, String reason,
            Instant now) {
        return jdbc.sql("""
                update sequences.enrolment e set status = 'STOPPED', stop_reason = :r, next_at = null, updated_at = :now
                from sequences.sequence s
                where e.tenant_id = :t and e.lead_id = :l and e.status = 'ACTIVE'
                  and s.tenant_id = e.tenant_id and s.id = e.sequence_id
                  and array_position(cast(:order as text[]), s.stop_stage) <= :at""")
                .param("t", tenant.value()).param("l", leadId).param("r", reason).param("now", Timestamp.from(now))
                .param("order", STAGE_ORDER).param("at", stage.ordinal() + 1).update();
    }

    private static final String[] STAGE_ORDER = java.util.Arrays.stream(dev.ridgeline.leads.LeadStage.values())
            .map(Enum::name).toArray(String[]::new);

    /** When the lead's last enrolment in the sequence ended (or began, while it runs); empty if it was never in it. */
    public Optional<Instant> lastEnrolment(TenantId tenant, UUID sequenceId, UUID leadId) {
        return jdbc.sql("""
                select max(case when status = 'ACTIVE' then 'infinity'::timestamptz else updated_at end)
                from sequences.enrolment where tenant_id = :t and sequence_id = :s and lead_id = :l""")
                .param("t", tenant.value()).param("s", sequenceId).param("l", leadId)
                .query((rs, n) -> {
                    Timestamp at = rs.getTimestamp(1);
                    return at == null ? null : at.toInstant();
                }).optional().filter(java.util.Objects::nonNull);
    }

    /** Whether the lead is working through another sequence now. */
    public boolean activeElsewhere(TenantId tenant, UUID sequenceId, UUID leadId) {
        return jdbc.sql("""
                select exists (select 1 from sequences.enrolment
                  where tenant_id = :t and lead_id = :l and sequence_id <> :s and status = 'ACTIVE')""")
                .param("t", tenant.value()).param("s", sequenceId).param("l", leadId).query(Boolean.class).single();
    }

    /**
     * Credits a lead's first arrival at a stage to the last sequence step that touched it before (sent a message or
     * made a task): the sequence, the step, its channel and variant. Nothing when no sequence touched the lead.
     */
    public void recordConversion(TenantId tenant, UUID leadId, dev.ridgeline.leads.LeadStage stage, Instant at) {
        jdbc.sql("""
                insert into sequences.conversion (tenant_id, lead_id, stage, reached_at, enrolment_id, sequence_id,
                  position, channel, variant)
                select :t, :l, :stage, :at, r.enrolment_id, e.sequence_id, r.position, r.channel, r.variant
                from sequences.enrolment e join sequences.step_run r on r.tenant_id = e.tenant_id and r.enrolment_id = e.id
                where e.tenant_id = :t and e.lead_id = :l and r.status in ('SENT', 'TASK_CREATED') and r.finished_at <= :at
                order by r.finished_at desc limit 1
                on conflict do nothing""")
                .param("t", tenant.value()).param("l", leadId).param("stage", stage.name())
                .param("at", Timestamp.from(at)).update();
    }

    /** The latest message (email or text) an enrolment sent before {@code position}. */
    public Optional<UUID> previousMessage(TenantId tenant, UUID enrolmentId, int position) {
        return jdbc.sql("""
                select message_id from sequences.step_run
                where tenant_id = :t and enrolment_id = :e and position < :p and status = 'SENT'
                  and channel in ('EMAIL', 'SMS')
                order by position desc limit 1""")
                .param("t", tenant.value()).param("e", enrolmentId).param("p", position).query(UUID.class).optional();
    }

    /**
     * Records the first reply to an enrolment's messages and the step that sent the message answered, whatever
     * the enrolment's state; the lead, if a sequence sent the message.
     */
    public Optional<UUID> recordReply(TenantId tenant, UUID messageId, Instant at) {
        return jdbc.sql("""
                update sequences.enrolment e set replied_at = coalesce(e.replied_at, :at),
                  replied_position = coalesce(e.replied_position, r.position)
                from sequences.step_run r
                where r.tenant_id = :t and r.message_id = :m and e.tenant_id = r.tenant_id and e.id = r.enrolment_id
                returning e.lead_id""")
                .param("t", tenant.value()).param("m", messageId).param("at", Timestamp.from(at))
                .query(UUID.class).optional();
    }

    /** The lead a sequence message was sent to, if a sequence sent it. */
    public Optional<UUID> leadOfMessage(TenantId tenant, UUID messageId) {
        return jdbc.sql("""
                select e.lead_id from sequences.step_run r
                join sequences.enrolment e on e.tenant_id = r.tenant_id and e.id = r.enrolment_id
                where r.tenant_id = :t and r.message_id = :m""")
                .param("t", tenant.value()).param("m", messageId).query(UUID.class).optional();
    }

    /** Touches (messages sent) of a lead since {@code since}, across every sequence, oldest first. */
    public List<Instant> touchesSince(TenantId tenant, UUID leadId, Instant since) {
        return jdbc.sql("""
                with e as materialized (
                  select id from sequences.enrolment where tenant_id = :t and lead_id = :l)
                select r.finished_at from e join sequences.step_run r on r.tenant_id = :t and r.enrolment_id = e.id
                where r.status = 'SENT' and r.finished_at >= :since
                order by r.finished_at""")
                .param("t", tenant.value()).param("l", leadId).param("since", Timestamp.from(since))
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
    }

    /** The message of the latest email step an enrolment sent before {@code position}. */
    public Optional<UUID> previousEmail(TenantId tenant, UUID enrolmentId, int position) {
        return jdbc.sql("""
                select message_id from sequences.step_run
                where tenant_id = :t and enrolment_id = :e and position < :p and status = 'SENT' and channel = 'EMAIL'
                order by position desc limit 1""")
                .param("t", tenant.value()).param("e", enrolmentId).param("p", position).query(UUID.class).optional();
    }

    public void insertTask(TenantId tenant, UUID id, Claimed c, @Nullable UserId assignee, String kind, String title,
            Instant due, Instant now) {
        jdbc.sql("""
                insert into sequences.task (tenant_id, id, enrolment_id, position, lead_id, assignee, kind, title, due_at,
                  created_at)
                values (:t, :id, :e, :p, :l, :a, :k, :title, :due, :now) on conflict do nothing""")
                .param("t", tenant.value()).param("id", id).param("e", c.id()).param("p", c.position())
                .param("l", c.leadId()).param("a", assignee == null ? null : assignee.value()).param("k", kind)
                .param("title", title).param("due", Timestamp.from(due)).param("now", Timestamp.from(now)).update();
    }

    /** Open tasks due before {@code until}, oldest first: of one assignee, or of everyone when null. */
    public List<dev.ridgeline.sequences.RepTask> openTasks(TenantId tenant, @Nullable UserId assignee, Instant until,
            int limit) {
        return jdbc.sql("""
                select id, lead_id, assignee, kind, title, due_at from sequences.task
                where tenant_id = :t and done_at is null and due_at < :until
                  and (cast(:a as uuid) is null or assignee = cast(:a as uuid))
                order by due_at, id limit :n""")
                .param("t", tenant.value()).param("a", assignee == null ? null : assignee.value())
                .param("until", Timestamp.from(until)).param("n", limit)
                .query((rs, n) -> {
                    UUID a = rs.getObject(3, UUID.class);
                    return new dev.ridgeline.sequences.RepTask(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            a == null ? null : new UserId(a), dev.ridgeline.sequences.TaskKind.valueOf(rs.getString(4)),
                            rs.getString(5), rs.getTimestamp(6).toInstant());
                }).list();
    }

    /** Marks a task done; false when it is not the company's, not the assignee's (unless anyone's), or done. */
    public boolean taskDone(TenantId tenant, UUID id, @Nullable UserId assignee, Instant now) {
        return jdbc.sql("""
                update sequences.task set done_at = :now
                where tenant_id = :t and id = :id and done_at is null
                  and (cast(:a as uuid) is null or assignee = cast(:a as uuid))""")
                .param("t", tenant.value()).param("id", id).param("a", assignee == null ? null : assignee.value())
                .param("now", Timestamp.from(now)).update() == 1;
    }

    /** The latest enrolments of a sequence (their lead labels left blank for the caller to fill). */
    public List<Enrolment> ofSequence(TenantId tenant, UUID sequenceId, int limit) {
        return jdbc.sql("""
                select * from sequences.enrolment e
                where e.tenant_id = :t and e.sequence_id = :s order by e.enrolled_at desc, e.id limit :n""")
                .param("t", tenant.value()).param("s", sequenceId).param("n", limit)
                .query((rs, n) -> {
                    Timestamp next = rs.getTimestamp("next_at");
                    return new Enrolment(rs.getObject("id", UUID.class), sequenceId, rs.getObject("lead_id", UUID.class),
                            "", Enrolment.Status.valueOf(rs.getString("status")),
                            rs.getString("stop_reason"), rs.getInt("next_position"),
                            next == null ? null : next.toInstant(), rs.getString("enrolled_how"),
                            rs.getTimestamp("enrolled_at").toInstant());
                })
                .list();
    }
}

package dev.ridgeline.sequences.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;
import dev.ridgeline.sequences.DelayUnit;
import dev.ridgeline.sequences.Sequence;
import dev.ridgeline.sequences.SequenceStep;
import dev.ridgeline.sequences.AbGoal;
import dev.ridgeline.sequences.SequenceTrigger;
import dev.ridgeline.sequences.StepCondition;
import dev.ridgeline.sequences.StepKind;
import dev.ridgeline.sequences.TaskKind;

/** Sequences and their steps; a sequence's steps are written as a whole. */
@Repository
public class SequenceRepository {

    private final JdbcClient jdbc;

    SequenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Sequence> list(TenantId tenant) {
        Map<UUID, List<SequenceStep>> steps = new LinkedHashMap<>();
        jdbc.sql("select * from sequences.step where tenant_id = :t order by sequence_id, position")
                .param("t", tenant.value())
                .query(rs -> {
                    steps.computeIfAbsent(rs.getObject("sequence_id", UUID.class), k -> new ArrayList<>()).add(step(rs));
                });
        return jdbc.sql("select * from sequences.sequence where tenant_id = :t and status <> 'ARCHIVED' order by lower(name)")
                .param("t", tenant.value())
                .query((rs, n) -> sequence(rs, steps.getOrDefault(rs.getObject("id", UUID.class), List.of())))
                .list();
    }

    public Optional<Sequence> find(TenantId tenant, UUID id) {
        List<SequenceStep> steps = jdbc.sql("""
                select * from sequences.step where tenant_id = :t and sequence_id = :id order by position""")
                .param("t", tenant.value()).param("id", id).query((rs, n) -> step(rs)).list();
        return jdbc.sql("select * from sequences.sequence where tenant_id = :t and id = :id and status <> 'ARCHIVED'")
                .param("t", tenant.value()).param("id", id).query((rs, n) -> sequence(rs, steps)).optional();
    }

    public boolean nameTaken(TenantId tenant, String name, @Nullable UUID except) {
        return jdbc.sql("""
                select count(*) from sequences.sequence where tenant_id = :t and lower(name) = lower(:n)
                  and status <> 'ARCHIVED' and id <> coalesce(:id, '00000000-0000-0000-0000-000000000000'::uuid)""")
                .param("t", tenant.value()).param("n", name).param("id", except).query(Integer.class).single() > 0;
    }

    public void insert(TenantId tenant, UUID id, String name, int weeklyCap, Sequence.Rules rules, @Nullable UserId by,
            Instant now) {
        jdbc.sql("""
                insert into sequences.sequence (tenant_id, id, name, weekly_cap, stop_stage, reenrol_after_days,
                  skip_if_in_other, skip_if_touched_days, created_by, created_at, updated_at)
                values (:t, :id, :n, :cap, :stop, :re, :other, :touched, :by, :now, :now)""")
                .param("t", tenant.value()).param("id", id).param("n", name).param("cap", weeklyCap)
                .param("stop", rules.stopStage().name()).param("re", rules.reenrolAfterDays())
                .param("other", rules.skipIfInOther()).param("touched", rules.skipIfTouchedDays())
                .param("by", by == null ? null : by.value()).param("now", Timestamp.from(now)).update();
    }

    public void update(TenantId tenant, UUID id, String name, int weeklyCap, Sequence.Rules rules,
            Sequence.Status status, Instant now) {
        jdbc.sql("""
                update sequences.sequence set name = :n, weekly_cap = :cap, stop_stage = :stop, reenrol_after_days = :re,
                  skip_if_in_other = :other, skip_if_touched_days = :touched, status = :s, updated_at = :now
                where tenant_id = :t and id = :id""")
                .param("t", tenant.value()).param("id", id).param("n", name).param("cap", weeklyCap)
                .param("stop", rules.stopStage().name()).param("re", rules.reenrolAfterDays())
                .param("other", rules.skipIfInOther()).param("touched", rules.skipIfTouchedDays())
                .param("s", status.name()).param("now", Timestamp.from(now)).update();
    }

    /** Who built a sequence: triggers enrol on their behalf. */
    public Optional<UserId> createdBy(TenantId tenant, UUID id) {
        return jdbc.sql("select created_by from sequences.sequence where tenant_id = :t and id = :id and created_by is not null")
                .param("t", tenant.value()).param("id", id).query(UUID.class).optional().map(UserId::new);
    }

    public List<SequenceTrigger> triggers(TenantId tenant, @Nullable UUID sequenceId, SequenceTrigger.@Nullable Kind kind) {
        return jdbc.sql("""
                select g.* from sequences.trigger g join sequences.sequence s on s.tenant_id = g.tenant_id and s.id = g.sequence_id
                where g.tenant_id = :t and (cast(:s as uuid) is null or g.sequence_id = cast(:s as uuid))
                  and (cast(:k as text) is null or g.kind = cast(:k as text))
                  and (cast(:s as uuid) is not null or s.status = 'ACTIVE')
                order by g.created_at, g.id""")
                .param("t", tenant.value()).param("s", sequenceId).param("k", kind == null ? null : kind.name())
                .query((rs, n) -> {
                    java.math.BigDecimal hail = rs.getBigDecimal("min_hail_inches");
                    String zips = rs.getString("zips");
                    return new SequenceTrigger(rs.getObject("id", UUID.class), rs.getObject("sequence_id", UUID.class),
                            SequenceTrigger.Kind.valueOf(rs.getString("kind")), rs.getObject("hot_rule_id", UUID.class),
                            hail == null ? null : hail.doubleValue(),
                            zips == null || zips.isBlank() ? List.of() : List.of(zips.split(",")));
                })
                .list();
    }

    public void insertTrigger(TenantId tenant, UUID id, SequenceTrigger t, @Nullable UserId by, Instant now) {
        jdbc.sql("""
                insert into sequences.trigger (tenant_id, id, sequence_id, kind, hot_rule_id, min_hail_inches, zips,
                  created_by, created_at)
                values (:t, :id, :s, :k, :rule, :hail, :zips, :by, :now)""")
                .param("t", tenant.value()).param("id", id).param("s", t.sequenceId()).param("k", t.kind().name())
                .param("rule", t.hotRuleId()).param("hail", t.minHailInches())
                .param("zips", t.zips().isEmpty() ? null : String.join(",", t.zips()))
                .param("by", by == null ? null : by.value()).param("now", Timestamp.from(now)).update();
    }

    public boolean deleteTrigger(TenantId tenant, UUID sequenceId, UUID id) {
        return jdbc.sql("delete from sequences.trigger where tenant_id = :t and sequence_id = :s and id = :id")
                .param("t", tenant.value()).param("s", sequenceId).param("id", id).update() == 1;
    }

    /** Replaces every step of a sequence. */
    public void replaceSteps(TenantId tenant, UUID sequenceId, List<SequenceStep> steps) {
        jdbc.sql("delete from sequences.step where tenant_id = :t and sequence_id = :s")
                .param("t", tenant.value()).param("s", sequenceId).update();
        int position = 0;
        for (SequenceStep s : steps) {
            jdbc.sql("""
                    insert into sequences.step (tenant_id, sequence_id, position, kind, delay_amount, delay_unit, condition,
                      condition_value, template_id, body, task_kind, variant_template_id, variant_body, ab_goal)
                    values (:t, :s, :p, :k, :a, :u, :c, :cv, :tpl, :b, :tk, :vtpl, :vb, :goal)""")
                    .param("t", tenant.value()).param("s", sequenceId).param("p", position++)
                    .param("k", s.kind().name()).param("a", s.delayAmount()).param("u", s.delayUnit().name())
                    .param("c", s.condition().name()).param("tpl", s.templateId()).param("b", s.body())
                    .param("tk", s.taskKind() == null ? null : s.taskKind().name()).param("cv", s.conditionValue())
                    .param("vtpl", s.variantTemplateId()).param("vb", s.variantBody()).param("goal", s.abGoal().name())
                    .update();
        }
    }

    private static Sequence sequence(ResultSet rs, List<SequenceStep> steps) throws SQLException {
        return new Sequence(rs.getObject("id", UUID.class), rs.getString("name"),
                Sequence.Status.valueOf(rs.getString("status")), rs.getInt("weekly_cap"), List.copyOf(steps),
                new Sequence.Rules(dev.ridgeline.leads.LeadStage.valueOf(rs.getString("stop_stage")),
                        rs.getObject("reenrol_after_days", Integer.class), rs.getBoolean("skip_if_in_other"),
                        rs.getObject("skip_if_touched_days", Integer.class)),
                rs.getTimestamp("created_at").toInstant());
    }

    static SequenceStep step(ResultSet rs) throws SQLException {
        String task = rs.getString("task_kind");
        return new SequenceStep(rs.getInt("position"), StepKind.valueOf(rs.getString("kind")),
                rs.getInt("delay_amount"), DelayUnit.valueOf(rs.getString("delay_unit")),
                StepCondition.valueOf(rs.getString("condition")), rs.getString("condition_value"),
                rs.getObject("template_id", UUID.class), rs.getString("body"), task == null ? null : TaskKind.valueOf(task),
                rs.getObject("variant_template_id", UUID.class), rs.getString("variant_body"),
                AbGoal.valueOf(rs.getString("ab_goal")));
    }
}

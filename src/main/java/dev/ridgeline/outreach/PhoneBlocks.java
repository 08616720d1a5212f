package dev.ridgeline.outreach;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.platform.Permission;
import dev.ridgeline.platform.TenantId;

/**
 * Phone numbers that may not get marketing texts or calls: the ones that said stop (by keyword, by free text, or
 * through the carrier's own opt-out, Twilio error 21610), and the ones that cannot take texts (invalid, landline).
 * Replies that only may be an opt-out wait in a review queue, and nothing more goes to them until a person decides.
 */
@Service
public class PhoneBlocks {

    /** Why a number is blocked. */
    public enum Kind {
        OPTED_OUT, UNUSABLE
    }

    public record Block(String phone, Kind kind, @Nullable String code, String source, @Nullable String body,
            Instant createdAt) {

        /** The reason shown in the Outbox when a message is refused. */
        public String reason() {
            return kind == Kind.OPTED_OUT
                    ? "not sent: " + phone + " opted out (" + source + (body == null ? "" : ": \"" + body + "\"")
                            + ") on " + createdAt.toString().substring(0, 10)
                    : "not sent: " + phone + " cannot take texts (" + source + ")";
        }
    }

    /** A reply that may be an opt-out, waiting for a person. */
    public record Review(UUID id, String phone, String body, double confidence, Instant receivedAt) {
    }

    /**
     * Carrier errors that mean the person opted out (Twilio 21610, Telnyx 40300), and ones that mean the number cannot
     * take texts (invalid, not a mobile, a landline: Twilio 21211, 21614, 30006; Telnyx 40001).
     */
    static final Set<String> OPT_OUT_CODES = Set.of("21610", "40300");
    static final Set<String> UNUSABLE_CODES = Set.of("21211", "21214", "21217", "21407", "21612", "21614", "30005",
            "30006", "40001", "40310");

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final IdGenerator ids;
    private final Clock clock;
    private final TextingRules rules;

    public PhoneBlocks(JdbcClient jdbc, ApplicationEventPublisher events, IdGenerator ids, Clock clock,
            TextingRules rules) {
        this.rules = rules;
        this.jdbc = jdbc;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    /** The block on a number, opt-outs first; empty when it may be texted. */
    @Transactional(readOnly = true)
    public Optional<Block> find(TenantId tenant, String phone) {
        return jdbc.sql("""
                select phone, kind, code, source, body, created_at from outreach.phone_block
                where tenant_id = :t and phone = :p order by kind = 'OPTED_OUT' desc limit 1""")
                .param("t", tenant.value()).param("p", phone)
                .query((rs, n) -> new Block(rs.getString(1), Kind.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant())).optional();
    }

    /** {@link #find} for many numbers in one statement, by number (a number with no block is left out). */
    @Transactional(readOnly = true)
    public java.util.Map<String, Block> findAll(TenantId tenant, java.util.Collection<String> phones) {
        java.util.Map<String, Block> out = new java.util.HashMap<>();
        if (phones.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                select distinct on (phone) phone, kind, code, source, body, created_at from outreach.phone_block
                where tenant_id = :t and phone = any(:p) order by phone, kind = 'OPTED_OUT' desc""")
                .param("t", tenant.value()).param("p", phones.stream().distinct().toArray(String[]::new))
                .query((rs, n) -> out.put(rs.getString(1), new Block(rs.getString(1), Kind.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()))).list();
        return out;
    }

    /** The numbers among {@code phones} with a reply that awaits an opt-out decision. */
    @Transactional(readOnly = true)
    public java.util.Set<String> underReview(TenantId tenant, java.util.Collection<String> phones) {
        if (phones.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("""
                select distinct phone from outreach.opt_out_review
                where tenant_id = :t and phone = any(:p) and decided_at is null""")
                .param("t", tenant.value()).param("p", phones.stream().distinct().toArray(String[]::new))
                .query(String.class).list());
    }

    /** Records an opt-out; true when the number was not opted out before (so one confirmation may be sent). */
    @Transactional
    public boolean optOut(TenantId tenant, String phone, String source, @Nullable String body) {
        int added = jdbc.sql("""
                insert into outreach.phone_block (tenant_id, phone, kind, source, body, created_at)
                values (:t, :p, 'OPTED_OUT', :s, :b, :now) on conflict do nothing""")
                .param("t", tenant.value()).param("p", phone).param("s", source).param("b", body)
                .param("now", Timestamp.from(clock.instant())).update();
        if (added == 1) {
            events.publishEvent(new PhoneOptedOut(tenant, phone, true, source, rules.of(tenant).optOutAllChannels()));
        }
        return added == 1;
    }

    /** START or UNSTOP: the opt-out is lifted; true when there was one. */
    @Transactional
    public boolean optIn(TenantId tenant, String phone, String source) {
        int removed = jdbc.sql("delete from outreach.phone_block where tenant_id = :t and phone = :p and kind = 'OPTED_OUT'")
                .param("t", tenant.value()).param("p", phone).update();
        if (removed == 1) {
            events.publishEvent(new PhoneOptedOut(tenant, phone, false, source, false));
        }
        return removed == 1;
    }

    @Transactional
    public void unusable(TenantId tenant, String phone, String code, String source) {
        jdbc.sql("""
                insert into outreach.phone_block (tenant_id, phone, kind, code, source, created_at)
                values (:t, :p, 'UNUSABLE', :c, :s, :now) on conflict do nothing""")
                .param("t", tenant.value()).param("p", phone).param("c", code).param("s", source)
                .param("now", Timestamp.from(clock.instant())).update();
    }

    /** Acts on a carrier's error code for a number: opted out, unusable, or nothing. */
    @Transactional
    public void fromCarrier(TenantId tenant, String phone, @Nullable String code, String detail) {
        if (code == null) {
            return;
        }
        if (OPT_OUT_CODES.contains(code)) {
            optOut(tenant, phone, "carrier error " + code, null);
        } else if (UNUSABLE_CODES.contains(code)) {
            unusable(tenant, phone, code, "carrier error " + code + ": " + detail);
        }
    }

    @Transactional
    public void toReview(TenantId tenant, String phone, String body, double confidence) {
        jdbc.sql("""
                insert into outreach.opt_out_review (tenant_id, id, phone, body, confidence, received_at)
                values (:t, :id, :p, :b, :c, :now)""")
                .param("t", tenant.value()).param("id", ids.next()).param("p", phone).param("b", body)
                .param("c", confidence).param("now", Timestamp.from(clock.instant())).update();
    }

    /** Every blocked number of the company, newest first. */
    @Transactional(readOnly = true)
    public List<Block> list(Actor actor, int limit) {
        actor.require(Permission.OUTBOX_VIEW_ALL);
        return jdbc.sql("""
                select phone, kind, code, source, body, created_at from outreach.phone_block
                where tenant_id = :t order by created_at desc limit :l""")
                .param("t", actor.tenantId().value()).param("l", limit)
                .query((rs, n) -> new Block(rs.getString(1), Kind.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant())).list();
    }

    @Transactional(readOnly = true)
    public boolean underReview(TenantId tenant, String phone) {
        return jdbc.sql("select count(*) from outreach.opt_out_review where tenant_id = :t and phone = :p "
                        + "and decided_at is null")
                .param("t", tenant.value()).param("p", phone).query(Integer.class).single() > 0;
    }

    @Transactional(readOnly = true)
    public List<Review> reviews(Actor actor) {
        actor.require(Permission.OUTBOX_VIEW_ALL);
        return jdbc.sql("""
                select id, phone, body, confidence, received_at from outreach.opt_out_review
                where tenant_id = :t and decided_at is null order by received_at""")
                .param("t", actor.tenantId().value())
                .query((rs, n) -> new Review(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getDouble(4), rs.getTimestamp(5).toInstant())).list();
    }

    /** A person's decision on a reply: an opt-out (recorded as one) or not (the number may be texted again). */
    @Transactional
    public void decide(Actor actor, UUID reviewId, boolean optOut) {
        actor.require(Permission.OUTBOX_VIEW_ALL);
        var review = jdbc.sql("select phone, body from outreach.opt_out_review where tenant_id = :t and id = :id "
                        + "and decided_at is null")
                .param("t", actor.tenantId().value()).param("id", reviewId)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).optional()
                .orElseThrow(() -> new NotFoundException("opt-out review", reviewId));
        jdbc.sql("update outreach.opt_out_review set decided_at = :now, decision = :d where tenant_id = :t and id = :id")
                .param("t", actor.tenantId().value()).param("id", reviewId)
                .param("d", optOut ? "OPT_OUT" : "NOT_OPT_OUT").param("now", Timestamp.from(clock.instant())).update();
        if (optOut) {
            optOut(actor.tenantId(), review[0], "a reply confirmed as an opt-out in the review queue", review[1]);
        }
    }
}

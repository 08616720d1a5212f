package dev.ridgeline.claims;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.platform.TenantId;

/**
 * A claim's supplement line items: asked of the carrier (an approved or paid claim then waits on them), and the
 * carrier's answer on each, all of the quantity, part of it, or none. The approved amounts go into the claim's value.
 */
@Service
public class ClaimSupplements {

    private final JdbcClient jdbc;
    private final ClaimsService claims;
    private final IdGenerator ids;
    private final Clock clock;

    ClaimSupplements(JdbcClient jdbc, ClaimsService claims, IdGenerator ids, Clock clock) {
        this.jdbc = jdbc;
        this.claims = claims;
        this.ids = ids;
        this.clock = clock;
    }

    /** A supplement line item asked of the carrier. */
    @Transactional
    public Supplement requestSupplement(Actor actor, UUID claimId, String description, BigDecimal quantity, String unit,
            BigDecimal unitPrice, @Nullable String reason) {
        claims.lock(actor, claimId);
        Map<String, String> errors = new LinkedHashMap<>();
        if (description == null || description.isBlank()) {
            errors.put("description", "say what the line item is (e.g. drip edge)");
        }
        if (quantity == null || quantity.signum() <= 0) {
            errors.put("quantity", "the quantity must be more than zero");
        }
        if (unit == null || unit.isBlank()) {
            errors.put("unit", "the unit is missing (e.g. LF, SQ, EA)");
        }
        if (unitPrice == null || unitPrice.signum() < 0 || unitPrice.stripTrailingZeros().scale() > 2) {
            errors.put("unitPrice", "the unit price must be zero or more, in dollars and cents");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        UUID id = ids.next();
        Instant now = clock.instant();
        jdbc.sql("""
                insert into claims.supplement (tenant_id, id, claim_id, description, quantity, unit, unit_price, reason,
                  status, status_since, created_at)
                values (:t, :id, :c, :d, :q, :u, :p, :r, 'requested', :now, :now)""")
                .param("t", actor.tenantId().value()).param("id", id).param("c", claimId).param("d", description.strip())
                .param("q", quantity).param("u", unit.strip()).param("p", unitPrice).param("r", blank(reason))
                .param("now", Timestamp.from(now)).update();
        Claim c = claims.get(actor, claimId);
        if (c.status() == ClaimStatus.APPROVED || c.status() == ClaimStatus.PARTIALLY_APPROVED
                || c.status() == ClaimStatus.PAID) {
            claims.move(actor, claimId, ClaimStatus.SUPPLEMENT_PENDING, "supplement requested: " + description.strip());
        }
        return supplements(actor, claimId).stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    /** The carrier's answer on a line item: approved for {@code quantity} (all or part), or denied (null). */
    @Transactional
    public Claim decideSupplement(Actor actor, UUID supplementId, @Nullable BigDecimal approvedQuantity) {
        UUID claimId = jdbc.sql("select claim_id from claims.supplement where tenant_id = :t and id = :id")
                .param("t", actor.tenantId().value()).param("id", supplementId).query(UUID.class).optional()
                .orElseThrow(() -> new NotFoundException("supplement", supplementId));
        claims.lock(actor, claimId);
        BigDecimal requested = jdbc.sql("select quantity from claims.supplement where tenant_id = :t and id = :id")
                .param("t", actor.tenantId().value()).param("id", supplementId).query(BigDecimal.class).single();
        if (approvedQuantity != null && (approvedQuantity.signum() < 0 || approvedQuantity.compareTo(requested) > 0)) {
            throw InvalidInputException.of("approvedQuantity", "the approved quantity must be from 0 to the "
                    + requested.stripTrailingZeros().toPlainString() + " requested");
        }
        boolean approved = approvedQuantity != null && approvedQuantity.signum() > 0;
        jdbc.sql("""
                update claims.supplement set status = :s, approved_quantity = :q, status_since = :now
                where tenant_id = :t and id = :id""").param("s", approved ? "approved" : "denied")
                .param("q", approved ? approvedQuantity : null).param("now", Timestamp.from(clock.instant()))
                .param("t", actor.tenantId().value()).param("id", supplementId).update();
        return claims.get(actor, claimId);
    }

    /** The lead a supplement's claim belongs to (for a person who may see it). */
    public UUID supplementLead(Actor actor, UUID supplementId) {
        UUID claimId = jdbc.sql("select claim_id from claims.supplement where tenant_id = :t and id = :id")
                .param("t", actor.tenantId().value()).param("id", supplementId).query(UUID.class).optional()
                .orElseThrow(() -> new NotFoundException("supplement", supplementId));
        return claims.get(actor, claimId).leadId();
    }

    public List<Supplement> supplements(Actor actor, UUID claimId) {
        claims.get(actor, claimId);
        return supplements(actor.tenantId(), claimId);
    }

    private List<Supplement> supplements(TenantId tenant, UUID claimId) {
        return jdbc.sql("""
                select id, claim_id, description, quantity, unit, unit_price, reason, status, approved_quantity,
                  status_since from claims.supplement where tenant_id = :t and claim_id = :c order by created_at, id""")
                .param("t", tenant.value()).param("c", claimId)
                .query((rs, n) -> new Supplement(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getBigDecimal(4), rs.getString(5), rs.getBigDecimal(6), rs.getString(7),
                        rs.getString(8), rs.getBigDecimal(9), rs.getTimestamp(10).toInstant())).list();
    }

    private static @Nullable String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

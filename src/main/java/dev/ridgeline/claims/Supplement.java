package dev.ridgeline.claims;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A supplement line item: what the roofer asks the carrier to add to its scope (quantity, unit, unit price, reason)
 * and what the carrier approved (all, part of the quantity, or none), with its status and since when.
 */
public record Supplement(UUID id, UUID claimId, String description, BigDecimal quantity, String unit,
        BigDecimal unitPrice, @Nullable String reason, String status, @Nullable BigDecimal approvedQuantity,
        Instant statusSince) {

    public BigDecimal requested() {
        return quantity.multiply(unitPrice).setScale(2, RoundingMode.HALF_UP);
    }

    public BigDecimal approved() {
        return status.equals("approved") && approvedQuantity != null
                ? approvedQuantity.multiply(unitPrice).setScale(2, RoundingMode.HALF_UP) : BigDecimal.ZERO.setScale(2);
    }
}

package dev.ridgeline.claims.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.ridgeline.claims.Claim;
import dev.ridgeline.claims.ClaimDraft;
import dev.ridgeline.claims.ClaimStatus;
import dev.ridgeline.claims.ClaimsService;
import dev.ridgeline.claims.Supplement;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Claims over the API, with the same checks as the pages: money arithmetic, allowed status moves, deadlines. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Claims", description = "Insurance claims, their money, supplements and deadlines")
class ClaimsApiController {

    record NewClaim(ClaimStatus status, ClaimDraft claim) {
    }

    record Move(ClaimStatus status, @Nullable String note) {
    }

    record SupplementRequest(String description, BigDecimal quantity, String unit, BigDecimal unitPrice,
            @Nullable String reason) {
    }

    record Decision(@Nullable BigDecimal approvedQuantity) {
    }

    private final ClaimsService claims;
    private final dev.ridgeline.claims.ClaimSupplements supplements;

    ClaimsApiController(ClaimsService claims, dev.ridgeline.claims.ClaimSupplements supplements) {
        this.claims = claims;
        this.supplements = supplements;
    }

    @GetMapping("/claims")
    @Operation(summary = "List claims, newest change first, optionally of one status")
    List<Claim> list(Actor actor, @RequestParam(required = false) @Nullable ClaimStatus status) {
        return claims.list(actor, status);
    }

    @GetMapping("/claims/{claimId}")
    @Operation(summary = "One claim")
    Claim get(Actor actor, @PathVariable UUID claimId) {
        return claims.get(actor, claimId);
    }

    @GetMapping("/leads/{leadId}/claim")
    @Operation(summary = "A lead's claim")
    Claim forLead(Actor actor, @PathVariable UUID leadId) {
        return claims.forLead(actor, leadId).orElseThrow(() -> new NotFoundException("claim", leadId));
    }

    @PostMapping("/leads/{leadId}/claim")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record a lead's claim (status NOT_FILED or FILED)")
    Claim open(Actor actor, @PathVariable UUID leadId, @RequestBody NewClaim body) {
        return claims.open(actor, leadId, body.claim(), body.status(), "API");
    }

    @PutMapping("/claims/{claimId}")
    @Operation(summary = "Change what is known of a claim (its status moves apart)")
    Claim update(Actor actor, @PathVariable UUID claimId, @RequestBody ClaimDraft body) {
        return claims.update(actor, claimId, body);
    }

    @PostMapping("/claims/{claimId}/status")
    @Operation(summary = "Move a claim to another status; a move that is not allowed is refused with the ones that are")
    Claim move(Actor actor, @PathVariable UUID claimId, @RequestBody Move body) {
        return claims.move(actor, claimId, body.status(), body.note());
    }

    @GetMapping("/claims/{claimId}/supplements")
    @Operation(summary = "A claim's supplement line items")
    List<Supplement> supplements(Actor actor, @PathVariable UUID claimId) {
        return supplements.supplements(actor, claimId);
    }

    @PostMapping("/claims/{claimId}/supplements")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Ask the carrier for a supplement line item")
    Supplement supplement(Actor actor, @PathVariable UUID claimId, @RequestBody SupplementRequest body) {
        return supplements.requestSupplement(actor, claimId, body.description(), body.quantity(), body.unit(),
                body.unitPrice(), body.reason());
    }

    @PostMapping("/claims/supplements/{supplementId}/decision")
    @Operation(summary = "The carrier's answer on a line item: the approved quantity, or null when denied")
    Claim decide(Actor actor, @PathVariable UUID supplementId, @RequestBody Decision body) {
        return supplements.decideSupplement(actor, supplementId, body.approvedQuantity());
    }

    @GetMapping("/claims/deadlines")
    @Operation(summary = "Deadlines due within `days` (default 30) and those missed, soonest first")
    List<ClaimsService.Deadline> deadlines(Actor actor, @RequestParam(defaultValue = "30") int days) {
        return claims.deadlines(actor, LocalDate.now(), Math.max(0, Math.min(days, 3650)));
    }
}

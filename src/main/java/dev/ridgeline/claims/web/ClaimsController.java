package dev.ridgeline.claims.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ridgeline.claims.Claim;
import dev.ridgeline.claims.ClaimStatus;
import dev.ridgeline.claims.ClaimsService;
import dev.ridgeline.claims.FilingWindows;
import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.Permission;
import dev.ridgeline.platform.web.Flash;

/**
 * The claim card on a lead's page (record the claim, its money, status moves, supplements), the claims board with
 * money totals per status and the deadlines coming up or missed, and the filing windows in Settings.
 */
@Controller
class ClaimsController {

    private final ClaimsService claims;
    private final FilingWindows windows;
    private final IdentityService identity;
    private final dev.ridgeline.claims.StormSheet sheet;
    private final dev.ridgeline.claims.ClaimSupplements supplements;
    private final dev.ridgeline.claims.ClaimDocuments documents;

    ClaimsController(ClaimsService claims, FilingWindows windows, IdentityService identity,
            dev.ridgeline.claims.StormSheet sheet, dev.ridgeline.claims.ClaimSupplements supplements,
            dev.ridgeline.claims.ClaimDocuments documents) {
        this.supplements = supplements;
        this.documents = documents;
        this.sheet = sheet;
        this.claims = claims;
        this.windows = windows;
        this.identity = identity;
    }

    @GetMapping("/claims/leads/{leadId}/panel")
    String panel(Actor actor, @PathVariable UUID leadId, Model model) {
        return panel(actor, leadId, model, null);
    }

    private String panel(Actor actor, UUID leadId, Model model, @Nullable String error) {
        Optional<Claim> claim = claims.forLead(actor, leadId);
        model.addAttribute("leadId", leadId);
        model.addAttribute("claim", claim.orElse(null));
        model.addAttribute("supplements", claim.map(c -> supplements.supplements(actor, c.id())).orElse(java.util.List.of()));
        model.addAttribute("documents", claim.map(c -> documents.documents(actor, c.id())).orElse(java.util.List.of()));
        model.addAttribute("error", error);
        return "claims/panel";
    }

    @PostMapping("/claims/leads/{leadId}")
    String open(Actor actor, @PathVariable UUID leadId, @RequestParam Map<String, String> form, Model model) {
        try {
            ClaimStatus status = "FILED".equals(form.get("status")) ? ClaimStatus.FILED : ClaimStatus.NOT_FILED;
            claims.open(actor, leadId, ClaimForms.draft(form, zone(actor)), status, "entered");
            return panel(actor, leadId, model, null);
        } catch (InvalidInputException e) {
            return panel(actor, leadId, model, problems(e));
        }
    }

    @PostMapping("/claims/{claimId}")
    String update(Actor actor, @PathVariable UUID claimId, @RequestParam Map<String, String> form, Model model) {
        Claim c = claims.get(actor, claimId);
        try {
            claims.update(actor, claimId, ClaimForms.draft(form, zone(actor)));
            return panel(actor, c.leadId(), model, null);
        } catch (InvalidInputException e) {
            return panel(actor, c.leadId(), model, problems(e));
        }
    }

    @PostMapping("/claims/{claimId}/status")
    String move(Actor actor, @PathVariable UUID claimId, @RequestParam String status,
            @RequestParam(required = false) @Nullable String note, Model model) {
        Claim c = claims.get(actor, claimId);
        try {
            claims.move(actor, claimId, ClaimStatus.valueOf(status), note);
            return panel(actor, c.leadId(), model, null);
        } catch (IllegalArgumentException e) {
            return panel(actor, c.leadId(), model, "'" + status + "' is not a claim status. Nothing was changed.");
        } catch (InvalidInputException e) {
            return panel(actor, c.leadId(), model, problems(e));
        }
    }

    @PostMapping("/claims/{claimId}/supplements")
    String supplement(Actor actor, @PathVariable UUID claimId, @RequestParam Map<String, String> form, Model model) {
        Claim c = claims.get(actor, claimId);
        try {
            Map<String, String> errors = new LinkedHashMap<>();
            BigDecimal quantity = ClaimForms.number(form, "quantity", errors);
            BigDecimal price = ClaimForms.money(form, "unitPrice", errors);
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            supplements.requestSupplement(actor, claimId, form.getOrDefault("description", ""), quantity,
                    form.getOrDefault("unit", ""), price, form.get("reason"));
            return panel(actor, c.leadId(), model, null);
        } catch (InvalidInputException e) {
            return panel(actor, c.leadId(), model, problems(e));
        }
    }

    @PostMapping("/claims/supplements/{supplementId}/decision")
    String decide(Actor actor, @PathVariable UUID supplementId,
            @RequestParam(required = false) @Nullable String decision, @RequestParam Map<String, String> form,
            Model model) {
        UUID leadId = supplements.supplementLead(actor, supplementId);
        if (!"approve".equals(decision) && !"deny".equals(decision)) {
            return panel(actor, leadId, model, "Approve or deny the line item. Nothing was changed.");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        BigDecimal quantity = decision.equals("approve") ? ClaimForms.number(form, "approvedQuantity", errors) : null;
        try {
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            Claim c = supplements.decideSupplement(actor, supplementId, quantity);
            return panel(actor, c.leadId(), model, null);
        } catch (InvalidInputException e) {
            return panel(actor, leadId, model, problems(e));
        }
    }

    @PostMapping("/claims/{claimId}/documents")
    String attach(Actor actor, @PathVariable UUID claimId, @RequestParam(defaultValue = "other") String kind,
            @RequestParam(value = "file", required = false) org.springframework.web.multipart.@Nullable MultipartFile file,
            Model model) {
        Claim c = claims.get(actor, claimId);
        try {
            if (file == null || file.isEmpty()) {
                throw InvalidInputException.of("file", "choose a file to attach");
            }
            documents.attach(actor, claimId, kind, file.getOriginalFilename() == null ? "document"
                    : file.getOriginalFilename(), file.getContentType() == null ? "" : file.getContentType(),
                    file.getBytes());
            return panel(actor, c.leadId(), model, null);
        } catch (java.io.IOException e) {
            return panel(actor, c.leadId(), model, "The file could not be read. Nothing was changed.");
        } catch (InvalidInputException e) {
            return panel(actor, c.leadId(), model, problems(e));
        }
    }

    @GetMapping("/claims/documents/{documentId}")
    org.springframework.http.ResponseEntity<byte[]> document(Actor actor, @PathVariable UUID documentId) {
        var d = documents.document(actor, documentId);
        return org.springframework.http.ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.parseMediaType(d.getKey().contentType()))
                .header("Content-Disposition", "attachment; filename=\"" + d.getKey().fileName() + "\"")
                .header("X-Content-Type-Options", "nosniff").body(d.getValue());
    }

    /** The storm verification sheet for the adjuster. */
    @GetMapping("/claims/leads/{leadId}/storm-sheet.pdf")
    org.springframework.http.ResponseEntity<byte[]> stormSheet(Actor actor, @PathVariable UUID leadId) {
        return org.springframework.http.ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "attachment; filename=\"storm-verification.pdf\"")
                .header("X-Content-Type-Options", "nosniff").body(sheet.pdf(actor, leadId));
    }

    @GetMapping("/claims")
    String board(Actor actor, Model model) {
        LocalDate today = LocalDate.now(zone(actor));
        model.addAttribute("columns", claims.board(actor));
        model.addAttribute("deadlines", claims.deadlines(actor, today, 30));
        model.addAttribute("today", today);
        return "claims/board";
    }

    @GetMapping("/settings/claims")
    String settings(Actor actor, Model model) {
        actor.require(Permission.COMPANY_MANAGE);
        model.addAttribute("windows", windows.list(actor.tenantId()));
        return "claims/settings";
    }

    @PostMapping("/settings/claims")
    String saveWindow(Actor actor, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        try {
            Map<String, String> errors = new LinkedHashMap<>();
            BigDecimal filing = ClaimForms.number(form, "filingDays", errors);
            BigDecimal dep = ClaimForms.number(form, "depreciationDays", errors);
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            FilingWindows.Window w = windows.set(actor, form.getOrDefault("state", ""),
                    filing == null ? 0 : filing.intValue(), dep == null ? 0 : dep.intValue());
            Flash.notice(redirect, w.state() + ": " + w.filingDays() + " days to file, " + w.depreciationDays()
                    + " days to recover depreciation.");
        } catch (InvalidInputException e) {
            Flash.error(redirect, problems(e));
        }
        return "redirect:/settings/claims";
    }

    private ZoneId zone(Actor actor) {
        try {
            return ZoneId.of(identity.getTenant(actor.tenantId()).timeZone());
        } catch (RuntimeException e) {
            return ZoneId.of("America/Chicago");
        }
    }

    private static String problems(InvalidInputException e) {
        return String.join("; ", e.fieldErrors().values()) + ". Nothing was changed.";
    }
}

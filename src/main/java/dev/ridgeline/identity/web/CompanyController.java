package dev.ridgeline.identity.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ridgeline.identity.CompanyProfile;
import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.identity.Tenant;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.Permission;
import dev.ridgeline.platform.web.Flash;
import dev.ridgeline.platform.web.FormState;

@Controller
class CompanyController {

    private final IdentityService identity;

    CompanyController(IdentityService identity) {
        this.identity = identity;
    }

    /** Settings opens on the first section the role may use. */
    @GetMapping("/settings")
    String settings(Actor actor) {
        if (actor.can(Permission.COMPANY_MANAGE)) {
            return "redirect:/settings/company";
        }
        return actor.can(Permission.TEAM_VIEW) ? "redirect:/settings/users" : "redirect:/settings/profile";
    }

    @GetMapping("/settings/company")
    String form(Actor actor, Model model) {
        Tenant t = identity.getTenant(actor.tenantId());
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", t.name());
        values.put("legalName", t.legalName());
        values.put("street", nz(t.street()));
        values.put("city", nz(t.city()));
        values.put("region", nz(t.region()));
        values.put("postalCode", nz(t.postalCode()));
        values.put("phone", nz(t.phone()));
        values.put("website", nz(t.website()));
        values.put("timeZone", t.timeZone());
        model.addAttribute("form", FormState.of(values));
        model.addAttribute("tenant", t);
        model.addAttribute("zones", SetupController.US_TIME_ZONES);
        return "identity/company";
    }

    @PostMapping("/settings/company")
    String save(Actor actor, @RequestParam Map<String, String> p, Model model, RedirectAttributes redirect) {
        try {
            identity.updateCompany(actor, new CompanyProfile(p.get("name"), p.get("legalName"), p.get("street"),
                    p.get("city"), p.get("region"), p.get("postalCode"), p.get("phone"), p.get("website"),
                    p.get("timeZone")));
            Flash.notice(redirect, "Company profile saved.");
            return "redirect:/settings/company";
        } catch (InvalidInputException e) {
            model.addAttribute("form", FormState.failed(p, e));
            model.addAttribute("tenant", identity.getTenant(actor.tenantId()));
            model.addAttribute("zones", SetupController.US_TIME_ZONES);
            return "identity/company";
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}

package dev.ridgeline.roof.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.Permission;
import dev.ridgeline.platform.web.Flash;
import dev.ridgeline.roof.RoofRules;
import dev.ridgeline.roof.RoofService;

/** Settings, Roof rules: the company's repair-or-replace rules and its price table per material. */
@Controller
class RoofSettingsController {

    private final RoofService roofs;

    RoofSettingsController(RoofService roofs) {
        this.roofs = roofs;
    }

    @GetMapping("/settings/roof")
    String page(Actor actor, Model model) {
        actor.require(Permission.COMPANY_MANAGE);
        model.addAttribute("rules", roofs.rules(actor.tenantId()));
        model.addAttribute("materials", new TreeMap<>(RoofRules.defaults().prices()).keySet());
        return "roof/settings";
    }

    @PostMapping("/settings/roof")
    String save(Actor actor, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        actor.require(Permission.COMPANY_MANAGE);
        Map<String, String> errors = new LinkedHashMap<>();
        double replace = number(form, "replaceDamagedShare", errors) / 100;
        double endOfLife = number(form, "endOfLifeShare", errors) / 100;
        double region = number(form, "regionMultiplier", errors);
        double minimum = number(form, "repairMinimum", errors);
        Map<String, int[]> prices = new LinkedHashMap<>();
        Map<String, Integer> lives = new LinkedHashMap<>();
        for (String material : new TreeMap<>(RoofRules.defaults().prices()).keySet()) {
            prices.put(material, new int[] {(int) number(form, "low." + material, errors),
                    (int) number(form, "high." + material, errors)});
            lives.put(material, (int) number(form, "life." + material, errors));
        }
        try {
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            roofs.saveRules(actor, new RoofRules(replace, endOfLife, region, (int) minimum, prices, lives));
            Flash.notice(redirect, "Roof rules and prices saved; new analyses use them.");
        } catch (InvalidInputException e) {
            Flash.error(redirect, String.join("; ", e.fieldErrors().values()) + ". Nothing was changed.");
        }
        return "redirect:/settings/roof";
    }

    private static double number(Map<String, String> form, String field, Map<String, String> errors) {
        String raw = form.getOrDefault(field, "").strip().replace("$", "").replace(",", "").replace("%", "");
        try {
            return Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            errors.put(field, field.replace('.', ' ') + ": '" + raw + "' is not a number");
            return 0;
        }
    }
}

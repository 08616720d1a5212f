package dev.ridgeline.imagery.web;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ridgeline.imagery.ImageryService;
import dev.ridgeline.imagery.Purpose;
import dev.ridgeline.imagery.SpendReport;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.Permission;
import dev.ridgeline.platform.web.Flash;
import dev.ridgeline.property.PropertyDetails;
import dev.ridgeline.property.PropertyService;
import dev.ridgeline.signals.NearbyStorm;

/**
 * The roof and street views of a home (a card on the lead and property pages, fetched by the page), the images
 * themselves, the base-map tiles, and the spend page with its budgets.
 */
@Controller
class ImageryController {

    private final ImageryService imagery;
    private final PropertyService properties;
    private final LeadsService leads;

    ImageryController(ImageryService imagery, PropertyService properties, LeadsService leads) {
        this.imagery = imagery;
        this.properties = properties;
        this.leads = leads;
    }

    @GetMapping("/imagery/properties/{propertyId}/panel")
    String panel(Actor actor, @PathVariable UUID propertyId, @RequestParam(required = false) @Nullable String storm,
            Model model) {
        PropertyDetails details = properties.details(actor, propertyId);
        var aerial = imagery.image(actor.tenantId(), details, Purpose.ROOF_CROP, null, null);
        var street = imagery.image(actor.tenantId(), details, Purpose.STREET_VIEW, null, null);
        LocalDate stormDay = stormDay(details, storm);
        model.addAttribute("propertyId", propertyId);
        model.addAttribute("aerial", aerial);
        model.addAttribute("street", street);
        model.addAttribute("stormDay", stormDay);
        model.addAttribute("stormLabel", stormLabel(details, stormDay));
        model.addAttribute("beforeAfter", stormDay == null ? null
                : imagery.beforeAfter(actor, propertyId, stormDay).orElse(null));
        return "imagery/panel";
    }

    /** The storm asked for, else the latest hail or wind report near the home. */
    private static @Nullable LocalDate stormDay(PropertyDetails details, @Nullable String asked) {
        if (asked != null && !asked.isBlank()) {
            try {
                return LocalDate.parse(asked.strip());
            } catch (java.time.DateTimeException e) {
                throw InvalidInputException.of("storm", "must be a day like 2024-04-26");
            }
        }
        return details.storms().stream().map(s -> s.report().reportDate()).max(Comparator.naturalOrder()).orElse(null);
    }

    private static @Nullable String stormLabel(PropertyDetails details, @Nullable LocalDate day) {
        if (day == null) {
            return null;
        }
        return details.storms().stream().filter(s -> s.report().reportDate().equals(day))
                .min(Comparator.comparingDouble(NearbyStorm::miles))
                .map(s -> s.report().headline() + " on " + s.report().reportDate() + "," + String.format(java.util.Locale.ROOT, " %.1f mi away", s.miles()))
                .orElse("the storm of " + day);
    }

    @GetMapping("/imagery/images/{imageId}")
    ResponseEntity<byte[]> image(Actor actor, @PathVariable UUID imageId) {
        var content = imagery.content(actor, imageId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(content.getKey().contentType()))
                .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePrivate())
                .header("X-Content-Type-Options", "nosniff").body(content.getValue());
    }

    @GetMapping("/imagery/tiles/{z}/{x}/{y}.png")
    ResponseEntity<byte[]> tile(Actor actor, @PathVariable int z, @PathVariable int x, @PathVariable int y) {
        return imagery.tile(actor.tenantId(), z, x, y)
                .map(t -> ResponseEntity.ok().contentType(MediaType.parseMediaType(t.contentType()))
                        .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePrivate()).body(t.bytes()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping("/settings/imagery")
    String spend(Actor actor, Model model) {
        actor.require(Permission.CONNECTIONS_MANAGE);
        SpendReport report = imagery.spend(actor);
        Map<UUID, String> leadNames = new LinkedHashMap<>();
        Map<UUID, UUID> leadIds = new LinkedHashMap<>();
        for (var line : report.byProperty()) {
            UUID property = UUID.fromString(line.key());
            leads.leadOfHome(actor.tenantId(), property).ifPresentOrElse(l -> {
                leadNames.put(property, l.place());
                leadIds.put(property, l.id());
            }, () -> leadNames.put(property, properties.get(actor, property).address()));
        }
        model.addAttribute("report", report);
        model.addAttribute("leadNames", leadNames);
        model.addAttribute("leadIds", leadIds);
        return "imagery/spend";
    }

    @PostMapping("/settings/imagery/budgets")
    String budgets(Actor actor, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        actor.require(Permission.CONNECTIONS_MANAGE);
        List<String> errors = new ArrayList<>();
        Map<String, BigDecimal[]> parsed = new LinkedHashMap<>();
        for (var source : imagery.budgetScopes(actor.tenantId())) {
            String monthly = form.getOrDefault("monthly." + source, "").strip().replace("$", "").replace(",", "");
            String daily = form.getOrDefault("daily." + source, "").strip().replace(",", "");
            BigDecimal m = null;
            BigDecimal d = null;
            try {
                m = monthly.isEmpty() ? null : new BigDecimal(monthly);
                if (m != null && m.signum() < 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                errors.add("Monthly budget for " + imagery.sourceName(source) + ": '" + monthly
                        + "' is not an amount in dollars (e.g. 25 or 7.50)");
            }
            try {
                d = daily.isEmpty() ? null : new BigDecimal(Integer.parseInt(daily));
                if (d != null && d.signum() < 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                errors.add("Daily quota for " + imagery.sourceName(source) + ": '" + daily
                        + "' is not a whole number of images");
            }
            parsed.put(source, new BigDecimal[] {m, d});
        }
        if (!errors.isEmpty()) {
            Flash.error(redirect, String.join("; ", errors) + ". Nothing was changed.");
            return "redirect:/settings/imagery";
        }
        parsed.forEach((source, v) -> imagery.setBudget(actor, source, v[0],
                v[1] == null ? null : v[1].intValue()));
        Flash.notice(redirect, "Imagery budgets saved.");
        return "redirect:/settings/imagery";
    }
}

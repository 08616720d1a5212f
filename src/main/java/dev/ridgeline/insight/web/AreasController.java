package dev.ridgeline.insight.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import dev.ridgeline.insight.HotSpot;
import dev.ridgeline.insight.InsightService;
import dev.ridgeline.insight.MonthlyTrend;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.signals.SignalsService;
import dev.ridgeline.signals.StormDay;

/** The area page: who holds the roofing work of a ZIP, how it moves by month, who works the latest storm. */
@Controller
class AreasController {

    private final InsightService insight;
    private final SignalsService signals;

    AreasController(InsightService insight, SignalsService signals) {
        this.insight = insight;
        this.signals = signals;
    }

    @GetMapping("/areas")
    String area(Actor actor, @RequestParam(required = false) @Nullable String zip, Model model) {
        LocalDate asOf = insight.status(actor).asOf();
        LocalDate from = asOf.minusYears(1).plusDays(1);
        String area = zip == null || zip.isBlank() ? null : zip.strip();
        model.addAttribute("zip", area == null ? "" : area);
        model.addAttribute("zips", insight.busiestZips(actor, 30));
        model.addAttribute("asOf", asOf);
        model.addAttribute("from", from);
        model.addAttribute("competitors", insight.competitors(actor, area, from, asOf));
        List<StormDay> days = signals.stormDays(actor, 50).stream().filter(d -> !d.date().isAfter(asOf)).toList();
        StormDay latest = days.isEmpty() ? null : days.getFirst();
        model.addAttribute("storm", latest);
        model.addAttribute("stormCrews", latest == null ? List.of() : insight.workingStorm(actor, latest.date(), 3, 90));
        List<HotSpot> spots = insight.hotSpots(actor);
        model.addAttribute("hotSpots", spots.stream().filter(s -> s.kind().startsWith("HOT")).count());
        model.addAttribute("coldSpots", spots.stream().filter(s -> s.kind().startsWith("COLD")).count());
        model.addAttribute("workNow", insight.workNow(actor).stream().limit(12).toList());
        model.addAttribute("windows", insight.claimWindows(actor));
        return "insight/area";
    }

    @org.springframework.web.bind.annotation.PostMapping("/areas/claim-windows")
    String setWindow(Actor actor, @RequestParam String state, @RequestParam(required = false) @Nullable String days,
            org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        try {
            Integer value = days == null || days.isBlank() ? null : Integer.valueOf(days.strip());
            insight.setClaimWindow(actor, state, value);
            dev.ridgeline.platform.web.Flash.notice(redirect, value == null
                    ? "Claim window of " + state.strip().toUpperCase(java.util.Locale.ROOT) + " back to the 365-day default."
                    : "Claims in " + state.strip().toUpperCase(java.util.Locale.ROOT) + " can be filed " + value
                            + " days from the date of loss.");
        } catch (NumberFormatException e) {
            dev.ridgeline.platform.web.Flash.error(redirect, "Days must be a whole number, e.g. 365.");
        } catch (dev.ridgeline.platform.InvalidInputException e) {
            dev.ridgeline.platform.web.Flash.error(redirect, e.getMessage());
        }
        return "redirect:/areas";
    }

    @GetMapping(value = "/areas/trend.json", produces = "application/json")
    @ResponseBody
    MonthlyTrend trend(Actor actor, @RequestParam(required = false) @Nullable String zip) {
        return insight.trend(actor, zip, 3);
    }

    /** Hot and cold spots as hexagons for the map. */
    @GetMapping(value = "/map/hot-spots.geojson", produces = "application/geo+json")
    @ResponseBody
    Map<String, Object> hotSpots(Actor actor) {
        List<Object> features = new java.util.ArrayList<>();
        for (HotSpot s : insight.hotSpots(actor)) {
            if (s.kind().equals("NONE")) {
                continue;
            }
            List<double[]> ring = new java.util.ArrayList<>(s.outline());
            ring.add(ring.getFirst());
            features.add(Map.of("type", "Feature", "geometry", Map.of("type", "Polygon", "coordinates", List.of(ring)),
                    "properties", Map.of("kind", s.kind(), "permits", s.permits(), "z", Math.round(s.z() * 100) / 100.0,
                            "p", s.p())));
        }
        return Map.of("type", "FeatureCollection", "features", features);
    }
}

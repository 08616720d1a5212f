package dev.ridgeline.insight.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ridgeline.insight.AnalysisPass;
import dev.ridgeline.insight.HomeQuery;
import dev.ridgeline.insight.HomeScore;
import dev.ridgeline.insight.InsightService;
import dev.ridgeline.insight.PermitWave;
import dev.ridgeline.insight.ScoreCell;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.leads.NewLead;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.platform.web.Flash;
import dev.ridgeline.property.PropertyService;

/** The ranked list of homes, its bulk actions, the score panel of a property page, and the map's score layers. */
@Controller
class ProspectsController {

    static final int PAGE_SIZE = 50;

    private final InsightService insight;
    private final LeadsService leads;
    private final PropertyService properties;
    private final dev.ridgeline.identity.IdentityService identity;

    ProspectsController(InsightService insight, LeadsService leads, PropertyService properties,
            dev.ridgeline.identity.IdentityService identity) {
        this.identity = identity;
        this.insight = insight;
        this.leads = leads;
        this.properties = properties;
    }

    @GetMapping("/prospects")
    String list(Actor actor, @RequestParam(required = false) @Nullable Integer minScore,
            @RequestParam(required = false) @Nullable String zip, @RequestParam(required = false) @Nullable String city,
            @RequestParam(required = false) @Nullable String address,
            @RequestParam(defaultValue = "false") boolean excluded, @RequestParam(defaultValue = "score") String sort,
            @RequestParam(defaultValue = "0") int page, Model model) {
        HomeQuery q = new HomeQuery(minScore, zip, city, address, excluded, sort, Math.max(0, page), PAGE_SIZE);
        model.addAttribute("result", insight.ranked(actor, q));
        model.addAttribute("query", q);
        model.addAttribute("status", insight.status(actor));
        model.addAttribute("scoring", insight.scoringModel(actor));
        return "insight/prospects";
    }

    @PostMapping("/prospects/leads")
    String createLeads(Actor actor, @RequestParam(name = "home", required = false) @Nullable List<UUID> homes,
            RedirectAttributes redirect) {
        if (homes == null || homes.isEmpty()) {
            Flash.error(redirect, "Select at least one home to start leads from.");
            return "redirect:/prospects";
        }
        if (homes.size() > PAGE_SIZE) {
            throw InvalidInputException.of("home", "at most " + PAGE_SIZE + " homes at once");
        }
        int created = 0;
        for (UUID id : homes) {
            HomeScore s = insight.score(actor, id);
            leads.createForHome(actor, new NewLead(s.address(), s.city(), null, s.postalCode(), null, s.latitude(),
                    s.longitude(), null, "Lead score " + s.score() + " as of " + s.asOf() + ": " + s.explanation()), id);
            created++;
        }
        Flash.notice(redirect, created + (created == 1 ? " lead" : " leads") + " started from the ranked homes.");
        return "redirect:/leads";
    }

    @PostMapping("/prospects/analyse")
    String analyse(Actor actor, RedirectAttributes redirect) {
        AnalysisPass pass = insight.analyse(actor);
        Flash.notice(redirect, "Scored " + pass.homes() + " homes as of " + pass.asOf() + " (" + pass.written()
                + " changed) in " + pass.millis() + " ms.");
        return "redirect:/prospects";
    }

    @GetMapping("/prospects/hot")
    String hot(Actor actor, Model model) {
        return hotPage(actor, model, dev.ridgeline.platform.web.FormState.of(Map.of("minScore", "70")));
    }

    private String hotPage(Actor actor, Model model, dev.ridgeline.platform.web.FormState form) {
        model.addAttribute("alerts", insight.hotLeads(actor, 200));
        model.addAttribute("rules", insight.hotRules(actor));
        model.addAttribute("team", identity.users(actor));
        model.addAttribute("form", form);
        return "insight/hot";
    }

    @PostMapping("/prospects/hot/rules")
    String addRule(Actor actor, @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
        try {
            String user = params.getOrDefault("notifyUser", "");
            insight.saveHotRule(actor, new dev.ridgeline.insight.HotRule(UUID.randomUUID(),
                    params.getOrDefault("name", ""), integer(params, "minScore", 0), decimal(params, "minHailInches"),
                    integer(params, "maxDaysSinceHail", null), integer(params, "minNeighbours", null),
                    "true".equals(params.get("inWave")),
                    user.isBlank() ? null : new dev.ridgeline.platform.UserId(UUID.fromString(user)),
                    user.isBlank() ? null : params.get("notifyChannel"), true));
            Flash.notice(redirect, "Rule '" + params.get("name").strip() + "' added: the next analysis pass applies it.");
            return "redirect:/prospects/hot";
        } catch (InvalidInputException e) {
            return hotPage(actor, model, dev.ridgeline.platform.web.FormState.failed(params, e));
        } catch (dev.ridgeline.platform.ConflictException e) {
            return hotPage(actor, model, dev.ridgeline.platform.web.FormState.failed(params,
                    InvalidInputException.of("name", e.getMessage())));
        }
    }

    @PostMapping("/prospects/hot/rules/{ruleId}/delete")
    String deleteRule(Actor actor, @PathVariable UUID ruleId, RedirectAttributes redirect) {
        insight.deleteHotRule(actor, ruleId);
        Flash.notice(redirect, "Rule removed.");
        return "redirect:/prospects/hot";
    }

    private static @Nullable Integer integer(Map<String, String> params, String field, @Nullable Integer otherwise) {
        String v = params.getOrDefault(field, "").strip();
        if (v.isEmpty()) {
            if (otherwise == null) {
                return null;
            }
            throw InvalidInputException.of(field, "is needed");
        }
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            throw InvalidInputException.of(field, "must be a whole number");
        }
    }

    private static @Nullable Double decimal(Map<String, String> params, String field) {
        String v = params.getOrDefault(field, "").strip();
        if (v.isEmpty()) {
            return null;
        }
        try {
            return Double.valueOf(v);
        } catch (NumberFormatException e) {
            throw InvalidInputException.of(field, "must be a number like 1.75");
        }
    }

    /** The score card of a property page, fetched by the page itself (htmx). */
    @GetMapping("/prospects/{propertyId}/panel")
    String panel(Actor actor, @PathVariable UUID propertyId, Model model,
            org.springframework.security.web.csrf.CsrfToken csrf) {
        properties.get(actor, propertyId); // another company's home is not found
        try {
            model.addAttribute("score", insight.score(actor, propertyId));
        } catch (NotFoundException e) {
            model.addAttribute("score", null);
        }
        model.addAttribute("propertyId", propertyId);
        model.addAttribute("csrf", csrf);
        return "insight/panel";
    }

    /** A rep records what the homeowner did (asked for a quote at the door, replied to a letter...). */
    @PostMapping("/prospects/{propertyId}/engagement")
    String engagement(Actor actor, @PathVariable UUID propertyId, @RequestParam(required = false) @Nullable String kind,
            RedirectAttributes redirect) {
        dev.ridgeline.insight.EngagementKind k;
        try {
            k = kind == null ? null : dev.ridgeline.insight.EngagementKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            k = null;
        }
        if (k == null) {
            properties.get(actor, propertyId); // another company's home is not found, before anything else is said
            Flash.error(redirect, "Choose what the homeowner did.");
            return "redirect:/properties/" + propertyId;
        }
        var score = insight.recordEngagement(actor, propertyId, k);
        Flash.notice(redirect, "Recorded: homeowner " + k.words() + (score.isPresent()
                ? ". Lead score now " + score.get() + "." : ". The home is scored at the next analysis pass."));
        return "redirect:/properties/" + propertyId;
    }

    /** Homes coloured by score once zoomed in. */
    @GetMapping(value = "/map/scores.geojson", produces = "application/geo+json")
    @ResponseBody
    Map<String, Object> scores(Actor actor, @RequestParam String bbox) {
        double[] b = bbox(bbox);
        List<Object> features = new ArrayList<>();
        for (HomeScore s : insight.inBox(actor, b[1], b[0], b[3], b[2], 5_000)) {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("id", s.propertyId().toString());
            props.put("address", s.address());
            props.put("score", s.score());
            props.put("excluded", s.excluded() != null);
            props.put("why", s.explanation());
            features.add(point(s.longitude(), s.latitude(), props));
        }
        return collection(features);
    }

    /** Scored homes per H3 cell (mean and top score) when zoomed out: never one marker per home. */
    @GetMapping(value = "/map/score-cells.geojson", produces = "application/geo+json")
    @ResponseBody
    Map<String, Object> cells(Actor actor, @RequestParam String bbox) {
        double[] b = bbox(bbox);
        List<Object> features = new ArrayList<>();
        for (ScoreCell c : insight.cells(actor, b[1], b[0], b[3], b[2])) {
            List<double[]> ring = new ArrayList<>(c.outline());
            ring.add(ring.getFirst());
            features.add(Map.of("type", "Feature", "geometry", Map.of("type", "Polygon", "coordinates", List.of(ring)),
                    "properties", Map.of("cell", Long.toHexString(c.cell()), "homes", c.homes(), "mean",
                            Math.round(c.meanScore()), "top", c.topScore())));
        }
        return collection(features);
    }

    /** Re-roofing waves as outlined areas. */
    @GetMapping(value = "/map/waves.geojson", produces = "application/geo+json")
    @ResponseBody
    Map<String, Object> waves(Actor actor) {
        List<Object> features = new ArrayList<>();
        for (PermitWave w : insight.waves(actor)) {
            List<double[]> ring = new ArrayList<>(w.hull());
            Map<String, Object> geometry;
            if (ring.size() >= 3) {
                ring.add(ring.getFirst());
                geometry = Map.of("type", "Polygon", "coordinates", List.of(ring));
            } else {
                geometry = Map.of("type", "Point", "coordinates", new double[] {w.longitude(), w.latitude()});
            }
            features.add(Map.of("type", "Feature", "geometry", geometry, "properties", Map.of("permits", w.permits(),
                    "first", w.first().toString(), "last", w.last().toString(), "contractors", w.topContractors())));
        }
        return collection(features);
    }

    private static double[] bbox(String bbox) {
        String[] p = bbox.split(",");
        if (p.length != 4) {
            throw InvalidInputException.of("bbox", "west,south,east,north");
        }
        double[] out = new double[4];
        try {
            for (int i = 0; i < 4; i++) {
                out[i] = Double.parseDouble(p[i].strip());
            }
        } catch (NumberFormatException e) {
            throw InvalidInputException.of("bbox", "west,south,east,north in degrees");
        }
        return out;
    }

    private static Map<String, Object> point(double lon, double lat, Map<String, Object> props) {
        return Map.of("type", "Feature", "geometry", Map.of("type", "Point", "coordinates", new double[] {lon, lat}),
                "properties", props);
    }

    private static Map<String, Object> collection(List<Object> features) {
        return Map.of("type", "FeatureCollection", "features", features);
    }
}

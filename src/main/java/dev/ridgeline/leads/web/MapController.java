package dev.ridgeline.leads.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import dev.ridgeline.leads.Lead;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.leads.LeadsService.LeadFilter;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.PlatformProperties;

/** The map: the actor's leads as points over a configurable tile layer, with its attribution. */
@Controller
class MapController {

    private final LeadsService leads;
    private final PlatformProperties platform;

    MapController(LeadsService leads, PlatformProperties platform) {
        this.leads = leads;
        this.platform = platform;
    }

    @GetMapping("/map")
    String map(Actor actor, Model model) {
        List<Lead> all = leads.list(actor, LeadFilter.all(5000));
        model.addAttribute("tileUrl", platform.mapTileUrl());
        model.addAttribute("attribution", platform.mapAttribution());
        model.addAttribute("leadCount", all.size());
        model.addAttribute("locatedCount", all.stream().filter(Lead::located).count());
        return "leads/map";
    }

    @GetMapping(value = "/map/leads.geojson", produces = "application/geo+json")
    @ResponseBody
    Map<String, Object> geojson(Actor actor) {
        List<Map<String, Object>> features = new ArrayList<>();
        for (Lead l : leads.list(actor, LeadFilter.all(5000))) {
            if (!l.located()) {
                continue;
            }
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("id", l.id().toString());
            props.put("address", l.place());
            props.put("stage", l.stage().name());
            props.put("stageLabel", l.stage().label());
            props.put("owner", l.ownerName() == null ? "Unassigned" : l.ownerName());
            features.add(Map.of("type", "Feature", "geometry",
                    Map.of("type", "Point", "coordinates", List.of(l.longitude(), l.latitude())), "properties", props));
        }
        return Map.of("type", "FeatureCollection", "features", features);
    }
}

package dev.ridgeline.property.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.json.JsonMapper;

import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.PlatformProperties;
import dev.ridgeline.platform.web.Flash;
import dev.ridgeline.property.Building;
import dev.ridgeline.property.Geocoding;
import dev.ridgeline.property.PropertyDetails;
import dev.ridgeline.property.PropertyService;
import dev.ridgeline.signals.NearbyStorm;

/** Properties: find a home by address; its page with the map, footprint, people, consent, permits and storms. */
@Controller
class PropertiesController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PropertyService properties;
    private final PlatformProperties platform;
    private final Geocoding geocoding;

    PropertiesController(PropertyService properties, PlatformProperties platform, Geocoding geocoding) {
        this.properties = properties;
        this.platform = platform;
        this.geocoding = geocoding;
    }

    @GetMapping("/properties")
    String list(Actor actor, @RequestParam(required = false) @Nullable String q, Model model) {
        model.addAttribute("properties", properties.search(actor, q, 200));
        model.addAttribute("total", properties.count(actor));
        model.addAttribute("q", q == null ? "" : q);
        return "property/list";
    }

    @GetMapping("/properties/{propertyId}")
    String detail(Actor actor, @PathVariable UUID propertyId, Model model) {
        model.addAttribute("d", properties.details(actor, propertyId));
        model.addAttribute("tileUrl", platform.mapTileUrl());
        model.addAttribute("attribution", platform.mapAttribution());
        return "property/detail";
    }

    /** The main map's homes layer: the located properties in the view (only once zoomed in). */
    @GetMapping(value = "/map/properties.geojson", produces = "application/geo+json")
    @ResponseBody
    Map<String, Object> homes(Actor actor, @RequestParam String bbox) {
        String[] p = bbox.split(",");
        if (p.length != 4) {
            throw dev.ridgeline.platform.InvalidInputException.of("bbox", "west,south,east,north");
        }
        double[] v = new double[4];
        try {
            for (int i = 0; i < 4; i++) {
                v[i] = Double.parseDouble(p[i].trim());
            }
        } catch (NumberFormatException e) {
            throw dev.ridgeline.platform.InvalidInputException.of("bbox", "west,south,east,north in degrees");
        }
        List<Map<String, Object>> features = new ArrayList<>();
        for (var home : properties.inBox(actor, v[1], v[0], v[3], v[2], 2_000)) {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("id", home.id().toString());
            props.put("address", home.label());
            if (home.yearBuilt() != null) {
                props.put("yearBuilt", home.yearBuilt());
            }
            features.add(feature(Map.of("type", "Point", "coordinates", List.of(home.longitude(), home.latitude())), props));
        }
        return Map.of("type", "FeatureCollection", "features", features);
    }

    /** "Find on the map": geocode one address now, free sources first (see {@link Geocoding}). */
    @PostMapping("/properties/{propertyId}/locate")
    String locate(Actor actor, @PathVariable UUID propertyId, RedirectAttributes redirect) {
        var p = geocoding.locate(actor, propertyId);
        if (p.located()) {
            Flash.notice(redirect, "Found: " + p.locationSource().replace("GEOCODER:", "").replace(':', ' ').toLowerCase(java.util.Locale.ROOT) + ".");
        } else {
            Flash.error(redirect, "No geocoder found this address closer than its ZIP code. Check the street and number.");
        }
        return "redirect:/properties/" + propertyId;
    }

    /** The property page's map: the home's point, its building outlines and the storm reports near it. */
    @GetMapping(value = "/properties/{propertyId}/map.geojson", produces = "application/geo+json")
    @ResponseBody
    Map<String, Object> map(Actor actor, @PathVariable UUID propertyId) {
        PropertyDetails d = properties.details(actor, propertyId);
        List<Map<String, Object>> features = new ArrayList<>();
        for (Building b : d.buildings()) {
            features.add(feature(JSON.readValue(b.geometry(), Map.class), Map.of("layer", "building",
                    "label", String.format(java.util.Locale.ROOT, "%s building, %,.0f ft² (%,.0f m²)",
                            b.kind() == null ? "A" : capitalised(b.kind()), b.areaFt2(), b.areaM2()))));
        }
        if (d.property().located()) {
            features.add(feature(Map.of("type", "Point", "coordinates", List.of(d.property().longitude(),
                    d.property().latitude())), Map.of("layer", "home", "label", d.property().label())));
        }
        for (NearbyStorm s : d.storms()) {
            var r = s.report();
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("layer", "storm");
            props.put("kind", r.kind().name());
            props.put("magnitude", r.magnitude());
            props.put("label", r.headline() + " · " + r.reportDate() + String.format(java.util.Locale.ROOT, " · %.1f mi", s.miles()));
            features.add(feature(Map.of("type", "Point", "coordinates", List.of(r.longitude(), r.latitude())), props));
        }
        return Map.of("type", "FeatureCollection", "features", features);
    }

    private static Map<String, Object> feature(Map<?, ?> geometry, Map<String, Object> properties) {
        return Map.of("type", "Feature", "geometry", geometry, "properties", properties);
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1).replace('_', ' ');
    }
}

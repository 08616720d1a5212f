package dev.ridgeline.signals.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import dev.ridgeline.platform.Actor;
import dev.ridgeline.signals.SignalsService;
import dev.ridgeline.signals.StormDay;
import dev.ridgeline.signals.StormReport;

/** The storm layer of the map: the days with reports, and one day's reports as GeoJSON. */
@Controller
class StormMapController {

    private final SignalsService signals;

    StormMapController(SignalsService signals) {
        this.signals = signals;
    }

    @GetMapping(value = "/map/storm-days.json", produces = "application/json")
    @ResponseBody
    List<Map<String, Object>> days(Actor actor) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StormDay d : signals.stormDays(actor, 90)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("date", d.date().toString());
            m.put("hail", d.hail());
            m.put("wind", d.wind());
            m.put("tornado", d.tornado());
            m.put("largestHail", d.largestHailInches());
            out.add(m);
        }
        return out;
    }

    /** NEXRAD hail-signature tiles of a UTC day as 0.1-degree squares: the radar's view of the hail swath. */
    @GetMapping(value = "/map/hail-tiles.geojson", produces = "application/geo+json")
    @ResponseBody
    Map<String, Object> tiles(Actor actor, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        List<Map<String, Object>> features = new ArrayList<>();
        for (dev.ridgeline.signals.HailTile t : signals.hailTiles(actor, date, date, 20_000)) {
            double s = t.latitude() - 0.05;
            double w = t.longitude() - 0.05;
            List<List<Double>> ring = List.of(List.of(w, s), List.of(w + 0.1, s), List.of(w + 0.1, s + 0.1),
                    List.of(w, s + 0.1), List.of(w, s));
            features.add(Map.of("type", "Feature", "properties", Map.of("detections", t.detections()), "geometry",
                    Map.of("type", "Polygon", "coordinates", List.of(ring))));
        }
        return Map.of("type", "FeatureCollection", "day", date.toString(), "features", features);
    }

    @GetMapping(value = "/map/storms.geojson", produces = "application/geo+json")
    @ResponseBody
    Map<String, Object> storms(Actor actor,
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        LocalDate day = date;
        if (day == null) {
            List<StormDay> days = signals.stormDays(actor, 1);
            if (days.isEmpty()) {
                return Map.of("type", "FeatureCollection", "features", List.of());
            }
            day = days.getFirst().date();
        }
        List<Map<String, Object>> features = new ArrayList<>();
        for (StormReport r : signals.storms(actor, day, day, null, 20_000)) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("kind", r.kind().name());
            p.put("headline", r.headline());
            p.put("magnitude", r.magnitude());
            p.put("time", r.occurredAt().toString());
            p.put("place", (r.location() == null ? "" : r.location()) + ", " + r.county() + " County, " + r.state());
            p.put("comments", r.comments());
            features.add(Map.of("type", "Feature", "properties", p, "geometry",
                    Map.of("type", "Point", "coordinates", List.of(r.longitude(), r.latitude()))));
        }
        return Map.of("type", "FeatureCollection", "day", day.toString(), "features", features);
    }
}

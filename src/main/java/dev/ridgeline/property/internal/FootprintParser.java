package dev.ridgeline.property.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

import dev.ridgeline.platform.Addresses;
import dev.ridgeline.platform.GeoPoint;

/**
 * Turns a GeoJSON feature into a building footprint: its polygon(s), measured; its source and id (an OSM way or
 * relation, a feature id, or a hash of the geometry); its address from OSM {@code addr:*} tags or plain
 * {@code address}/{@code postcode} properties. Anything that is not a plausible building says why.
 */
final class FootprintParser {

    /** Buildings above this are not one home's roof (the largest US houses are under 10,000 m²). */
    static final double MAX_AREA_M2 = 100_000;
    static final double MIN_AREA_M2 = 2;

    sealed interface Outcome permits Footprint, Rejected {
    }

    record Footprint(long line, String source, String sourceId, @Nullable String kind, String geometryJson,
            List<Polygons.Polygon> polygons, Polygons.Measure measure, long h3r9, @Nullable String address,
            @Nullable String addressKey, @Nullable String unitKey, @Nullable String houseNumber, @Nullable String city,
            @Nullable String state, @Nullable String postalCode, @Nullable Integer levels) implements Outcome {
    }

    record Rejected(long line, String column, String reason) implements Outcome {
    }

    Outcome parse(long line, JsonNode feature) {
        if (!"Feature".equals(feature.path("type").stringValue(null))) {
            return new Rejected(line, "type", "is not a Feature");
        }
        JsonNode geometry = feature.path("geometry");
        String type = geometry.path("type").stringValue(null);
        List<Polygons.Polygon> polygons = new ArrayList<>();
        try {
            switch (type == null ? "" : type) {
                case "Polygon" -> polygons.add(polygon(geometry.path("coordinates")));
                case "MultiPolygon" -> {
                    JsonNode all = geometry.path("coordinates");
                    if (!all.isArray() || all.isEmpty()) {
                        throw new BadGeometry("a MultiPolygon needs at least one polygon");
                    }
                    for (JsonNode p : all) {
                        polygons.add(polygon(p));
                    }
                }
                default -> {
                    return new Rejected(line, "geometry.type", type == null ? "the feature has no geometry"
                            : "a " + type + " is not a building outline (Polygon or MultiPolygon)");
                }
            }
        } catch (BadGeometry e) {
            return new Rejected(line, "geometry.coordinates", e.getMessage());
        }
        Polygons.Measure m = Polygons.measure(polygons);
        if (m.areaM2() < MIN_AREA_M2 || m.areaM2() > MAX_AREA_M2) {
            return new Rejected(line, "geometry.coordinates", String.format(java.util.Locale.ROOT,
                    "an area of %.1f m² is not a building (%s..%s m²)", m.areaM2(), (int) MIN_AREA_M2, (int) MAX_AREA_M2));
        }
        JsonNode props = feature.path("properties");
        String osmId = text(props, "@id");
        if (osmId == null) {
            osmId = text(feature, "id");
        }
        String source = osmId != null && osmId.matches("(way|relation)/\\d+") ? "OSM"
                : props.has("confidence") || props.has("height") && !props.has("building") ? "MICROSOFT" : "GEOJSON";
        String sourceId = osmId != null ? osmId : hash(geometry.toString());
        String number = text(props, "addr:housenumber");
        String street = text(props, "addr:street");
        String address = number != null && street != null ? number + " " + street : text(props, "address");
        String unit = text(props, "addr:unit");
        Addresses.Street key = address == null ? null : Addresses.street(unit == null ? address : address + " UNIT " + unit);
        String postal = text(props, "addr:postcode");
        if (postal == null) {
            postal = text(props, "postcode");
        }
        if (postal != null && postal.length() > 5 && postal.charAt(5) == '-') {
            postal = postal.substring(0, 5);
        }
        String kind = text(props, "building");
        Integer levels = null;
        String lv = text(props, "building:levels");
        if (lv != null && lv.matches("\\d{1,3}")) {
            levels = Integer.valueOf(lv);
        }
        long cell = new GeoPoint(m.centroidLat(), m.centroidLon()).cell(GeoPoint.PROPERTY_RESOLUTION);
        return new Footprint(line, source, sourceId, kind, geometry.toString(), polygons, m, cell, address,
                key == null || key.line().isEmpty() ? null : key.line(), key == null ? null : key.unit() == null ? "" : key.unit(),
                key == null ? null : houseNumber(key.line()), text(props, "addr:city"), text(props, "addr:state"), postal,
                levels);
    }

    static @Nullable String houseNumber(String addressKey) {
        int space = addressKey.indexOf(' ');
        String first = space < 0 ? addressKey : addressKey.substring(0, space);
        return !first.isEmpty() && Character.isDigit(first.charAt(0)) ? first : null;
    }

    private static Polygons.Polygon polygon(JsonNode rings) {
        if (!rings.isArray() || rings.isEmpty()) {
            throw new BadGeometry("a Polygon needs at least its outer ring");
        }
        List<double[][]> out = new ArrayList<>();
        for (JsonNode ring : rings) {
            if (!ring.isArray() || ring.size() < 4) {
                throw new BadGeometry("a ring needs at least 4 positions (first = last), this one has "
                        + (ring.isArray() ? ring.size() : 0));
            }
            double[][] positions = new double[ring.size()][];
            for (int i = 0; i < ring.size(); i++) {
                JsonNode p = ring.get(i);
                if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                    throw new BadGeometry("position " + i + " is not [longitude, latitude]");
                }
                double lon = p.get(0).doubleValue();
                double lat = p.get(1).doubleValue();
                if (!(lon >= -180 && lon <= 180) || !(lat >= -90 && lat <= 90)) {
                    throw new BadGeometry("position " + i + " [" + lon + ", " + lat
                            + "] is off the globe (GeoJSON is longitude first, WGS84 degrees)");
                }
                positions[i] = new double[] {lon, lat};
            }
            double[] first = positions[0];
            double[] last = positions[positions.length - 1];
            if (first[0] != last[0] || first[1] != last[1]) {
                throw new BadGeometry("the ring is not closed (its first and last positions differ)");
            }
            out.add(positions);
        }
        return new Polygons.Polygon(out);
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isString() || v.isNumber()) {
            String s = v.asString().trim();
            return s.isEmpty() ? null : s;
        }
        return null;
    }

    private static String hash(String geometry) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(geometry.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class BadGeometry extends RuntimeException {
        BadGeometry(String message) {
            super(message);
        }
    }
}

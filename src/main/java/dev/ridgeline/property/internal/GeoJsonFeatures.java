package dev.ridgeline.property.internal;

import java.io.Closeable;
import java.io.Reader;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams the features of a GeoJSON file one at a time, never holding the whole file: a FeatureCollection (as
 * OpenStreetMap exports write it, often on one line) or one Feature per line (as Microsoft's building footprints
 * are published). Each feature is numbered from 1; the line it starts on is kept for messages.
 */
final class GeoJsonFeatures implements Closeable {

    sealed interface Item permits Feature, Broken {
        long ordinal();

        long line();
    }

    record Feature(long ordinal, long line, JsonNode node) implements Item {
    }

    /** The JSON itself is broken here; nothing after it can be read. */
    record Broken(long ordinal, long line, String reason) implements Item {
    }

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final JsonParser parser;
    private boolean inCollection;
    private boolean started;
    private boolean done;
    private long ordinal;

    GeoJsonFeatures(Reader in) {
        this.parser = MAPPER.createParser(in);
    }

    /** The next feature, a {@link Broken} item once the JSON breaks, or null at the end. */
    @Nullable Item next() {
        if (done) {
            return null;
        }
        try {
            if (!started) {
                started = true;
                try {
                    return first();
                } catch (JacksonException e) {
                    throw new NotGeoJson("this is not GeoJSON: the JSON is broken at line "
                            + (e.getLocation() == null ? 1 : e.getLocation().getLineNr()) + ": " + e.getOriginalMessage());
                }
            }
            return inCollection ? nextInCollection() : nextLine();
        } catch (JacksonException e) {
            done = true;
            var at = e.getLocation();
            long line = at == null ? parser.currentLocation().getLineNr() : at.getLineNr();
            return new Broken(ordinal + 1, line, "the JSON is broken at line " + line
                    + (at == null ? "" : ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage());
        }
    }

    /** Reads the top value: a FeatureCollection's "features" array is entered, a lone Feature is returned. */
    private @Nullable Item first() {
        JsonToken t = parser.nextToken();
        if (t == null) {
            done = true;
            return null;
        }
        if (t != JsonToken.START_OBJECT) {
            throw new NotGeoJson("the file does not start with a JSON object (a FeatureCollection or a Feature)");
        }
        long line = parser.currentTokenLocation().getLineNr();
        // Look for "features" before reading whole values, so a large collection streams.
        String type = null;
        while ((t = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if ("features".equals(name)) {
                if (parser.currentToken() != JsonToken.START_ARRAY) {
                    throw new NotGeoJson("\"features\" is not an array");
                }
                inCollection = true;
                return nextInCollection();
            }
            if ("type".equals(name) && parser.currentToken() == JsonToken.VALUE_STRING) {
                type = parser.getString();
                if ("Feature".equals(type)) {
                    // A lone feature (or the first line of a line-delimited file): read the rest of it as a tree.
                    return new Feature(++ordinal, line, restOfObject("Feature"));
                }
            } else {
                parser.skipChildren();
            }
        }
        throw new NotGeoJson(type == null ? "no \"features\" array and no \"type\": this is not GeoJSON"
                : "a GeoJSON " + type + " holds no building footprints; send a FeatureCollection");
    }

    private JsonNode restOfObject(String type) {
        var node = MAPPER.createObjectNode();
        node.put("type", type);
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            node.set(name, MAPPER.readTree(parser));
        }
        return node;
    }

    private @Nullable Item nextInCollection() {
        JsonToken t = parser.nextToken();
        if (t == JsonToken.END_ARRAY || t == null) {
            done = true;
            return null;
        }
        long line = parser.currentTokenLocation().getLineNr();
        JsonNode node = MAPPER.readTree(parser);
        return new Feature(++ordinal, line, node);
    }

    private @Nullable Item nextLine() {
        JsonToken t = parser.nextToken();
        if (t == null) {
            done = true;
            return null;
        }
        long line = parser.currentTokenLocation().getLineNr();
        JsonNode node = MAPPER.readTree(parser);
        return new Feature(++ordinal, line, node);
    }

    @Override
    public void close() {
        parser.close();
    }

    /** The file is not GeoJSON at all. */
    static final class NotGeoJson extends RuntimeException {
        NotGeoJson(String message) {
            super(message);
        }
    }
}

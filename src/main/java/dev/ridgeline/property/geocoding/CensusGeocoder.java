package dev.ridgeline.property.geocoding;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ridgeline.connections.UsageLedger;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.io.CsvReader;

/**
 * The US Census Bureau geocoder: public domain, free, no key; address-range interpolation, not rooftops. One
 * address by {@code onelineaddress}, lists of up to 10,000 by the batch endpoint (a CSV in, a CSV out).
 */
@Component
class CensusGeocoder implements GeocodingProvider {

    static final String ID = "census";
    static final int BATCH_MAX = 10_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final GeocodingProperties settings;
    private final UsageLedger usage;
    private final RestClient http;
    private final RestClient batchHttp;

    CensusGeocoder(GeocodingProperties settings, UsageLedger usage, UserAgent agent) {
        this.settings = settings;
        this.usage = usage;
        this.http = Http.client(settings.censusUrl(), settings.timeout(), agent.value());
        this.batchHttp = Http.client(settings.censusUrl(), settings.timeout().multipliedBy(10), agent.value());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean available(TenantId tenant) {
        return settings.online();
    }

    @Override
    public Optional<Geocode> geocode(TenantId tenant, GeocodeRequest request) {
        String body;
        try {
            body = http.get().uri(u -> u.path("/geocoder/locations/onelineaddress")
                    .queryParam("address", request.oneLine()).queryParam("benchmark", "Public_AR_Current")
                    .queryParam("format", "json").build()).retrieve().body(String.class);
        } catch (RestClientException e) {
            throw new GeocodingProvider.GeocodingException("the Census geocoder did not answer: " + e.getMessage(), e);
        }
        usage.record(tenant, ID, "geocode", 1, BigDecimal.ZERO, null);
        JsonNode matches = JSON.readTree(body == null ? "{}" : body).path("result").path("addressMatches");
        if (!matches.isArray() || matches.isEmpty()) {
            return Optional.empty();
        }
        JsonNode m = matches.get(0);
        JsonNode c = m.path("coordinates");
        if (!c.path("x").isNumber() || !c.path("y").isNumber()) {
            throw new GeocodingProvider.GeocodingException("the Census geocoder answered without coordinates");
        }
        return Optional.of(new Geocode(c.path("y").doubleValue(), c.path("x").doubleValue(),
                Geocode.Accuracy.INTERPOLATED, m.path("matchedAddress").asString(""), ID));
    }

    /** Lists go to the batch endpoint, 10,000 at a time. */
    @Override
    public Map<String, Optional<Geocode>> geocodeAll(TenantId tenant, List<GeocodeRequest> requests) {
        Map<String, Optional<Geocode>> out = new LinkedHashMap<>();
        for (int from = 0; from < requests.size(); from += BATCH_MAX) {
            out.putAll(batch(tenant, requests.subList(from, Math.min(requests.size(), from + BATCH_MAX))));
        }
        return out;
    }

    private Map<String, Optional<Geocode>> batch(TenantId tenant, List<GeocodeRequest> requests) {
        StringBuilder csv = new StringBuilder();
        for (GeocodeRequest r : requests) {
            csv.append(field(r.key())).append(',').append(field(r.street())).append(',').append(field(r.city()))
                    .append(',').append(field(r.state())).append(',').append(field(r.zip())).append('\n');
        }
        var form = new LinkedMultiValueMap<String, Object>();
        form.add("addressFile", new ByteArrayResource(csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "addresses.csv";
            }
        });
        form.add("benchmark", "Public_AR_Current");
        String body;
        try {
            body = batchHttp.post().uri("/geocoder/locations/addressbatch").contentType(MediaType.MULTIPART_FORM_DATA)
                    .body(form).retrieve().body(String.class);
        } catch (RestClientException e) {
            throw new GeocodingProvider.GeocodingException("the Census batch geocoder did not answer: " + e.getMessage(), e);
        }
        usage.record(tenant, ID, "geocode-batch", requests.size(), BigDecimal.ZERO, requests.size() + " addresses");
        Map<String, Optional<Geocode>> out = new LinkedHashMap<>();
        requests.forEach(r -> out.put(r.key(), Optional.empty()));
        try (CsvReader reader = new CsvReader(new StringReader(body == null ? "" : body))) {
            for (CsvReader.Result res = reader.next(); res != null; res = reader.next()) {
                if (!(res instanceof CsvReader.Row row) || row.fields().size() < 6) {
                    continue;
                }
                String key = row.field(0).trim();
                if (!out.containsKey(key) || !row.field(2).trim().equalsIgnoreCase("Match")) {
                    continue;
                }
                String[] lonLat = row.field(5).split(",");
                if (lonLat.length == 2) {
                    out.put(key, Optional.of(new Geocode(Double.parseDouble(lonLat[1].trim()),
                            Double.parseDouble(lonLat[0].trim()), Geocode.Accuracy.INTERPOLATED, row.field(4).trim(), ID)));
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new GeocodingProvider.GeocodingException("the Census batch answer cannot be read: " + e.getMessage(), e);
        }
        return out;
    }

    /** Batch input has exactly four commas a row: commas inside a value would shift the columns. */
    private static String field(@org.jspecify.annotations.Nullable String value) {
        return value == null ? "" : value.replace(',', ' ').replace('"', ' ').replace('\n', ' ');
    }
}

package dev.ridgeline.property.geocoding;

import java.math.BigDecimal;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ridgeline.connections.UsageLedger;
import dev.ridgeline.platform.TenantId;

/**
 * OpenStreetMap's Nominatim, under its usage policy: at most one request a second for the whole application
 * (callers queue), a User-Agent naming the application and a contact, answers cached by the router, and never a
 * list of addresses (no bulk geocoding). Data © OpenStreetMap contributors, ODbL.
 */
@Component
class NominatimGeocoder implements GeocodingProvider {

    static final String ID = "nominatim";
    static final long MIN_INTERVAL_MILLIS = 1_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final GeocodingProperties settings;
    private final UsageLedger usage;
    private final RestClient http;
    private final Object gate = new Object();
    private long nextAllowed;

    NominatimGeocoder(GeocodingProperties settings, UsageLedger usage, UserAgent agent) {
        this.settings = settings;
        this.usage = usage;
        this.http = Http.client(settings.nominatimUrl(), settings.timeout(), agent.value());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean bulkAllowed() {
        return false;
    }

    @Override
    public boolean available(TenantId tenant) {
        return settings.online() && settings.nominatimEnabled();
    }

    @Override
    public Optional<Geocode> geocode(TenantId tenant, GeocodeRequest request) {
        String body;
        synchronized (gate) {
            // One request a second for the whole application: wait for the slot, holding the gate.
            long wait = nextAllowed - System.currentTimeMillis();
            if (wait > 0) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new GeocodingProvider.GeocodingException("interrupted while waiting for Nominatim's rate limit");
                }
            }
            try {
                body = http.get().uri(u -> {
                    var b = u.path("/search").queryParam("q", request.oneLine()).queryParam("format", "jsonv2")
                            .queryParam("addressdetails", "1").queryParam("limit", "1").queryParam("countrycodes", "us");
                    if (settings.contactEmail() != null) {
                        b.queryParam("email", settings.contactEmail());
                    }
                    return b.build();
                }).retrieve().body(String.class);
            } catch (RestClientException e) {
                throw new GeocodingProvider.GeocodingException("Nominatim did not answer: " + e.getMessage(), e);
            } finally {
                nextAllowed = System.currentTimeMillis() + MIN_INTERVAL_MILLIS;
            }
        }
        usage.record(tenant, ID, "geocode", 1, BigDecimal.ZERO, null);
        JsonNode results = JSON.readTree(body == null ? "[]" : body);
        if (!results.isArray() || results.isEmpty()) {
            return Optional.empty();
        }
        JsonNode r = results.get(0);
        try {
            double lat = Double.parseDouble(r.path("lat").asString());
            double lon = Double.parseDouble(r.path("lon").asString());
            String type = r.path("addresstype").asString(r.path("type").asString(""));
            Geocode.Accuracy accuracy = switch (type) {
                case "building", "house" -> Geocode.Accuracy.ROOFTOP;
                case "road", "street" -> Geocode.Accuracy.CENTROID;
                case "postcode", "city", "town", "village", "county", "state" -> Geocode.Accuracy.APPROXIMATE;
                default -> r.path("address").has("house_number") ? Geocode.Accuracy.INTERPOLATED : Geocode.Accuracy.CENTROID;
            };
            return Optional.of(new Geocode(lat, lon, accuracy, r.path("display_name").asString(""), ID));
        } catch (NumberFormatException e) {
            throw new GeocodingProvider.GeocodingException("Nominatim answered without coordinates");
        }
    }
}

package dev.ridgeline.property.geocoding;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.github.bucket4j.Bucket;
import tools.jackson.databind.JsonNode;

import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.connections.UsageLedger;
import dev.ridgeline.platform.TenantId;

/**
 * Google's Geocoding API, paid ($5.00 per 1,000 requests): used only when a company connects it, and only while
 * its month's spend is under the budget set on the connection, and never faster than Google's per-minute limit
 * per key ({@code ridgeline.geocoding.google-per-minute}, 3,000 by default; counted per node, while the budget is
 * shared through the usage ledger).
 */
@Component
class GoogleGeocoder implements GeocodingProvider {

    static final String ID = "google";
    static final BigDecimal PRICE = new BigDecimal("0.005");

    private final GeocodingProperties settings;
    private final UsageLedger usage;
    private final ConnectionsService connections;
    private final GoogleGeocodingClient client;
    /** Google's per-minute limit is per project, so per connected key. */
    private final java.util.Map<java.util.UUID, Bucket> perMinute = new java.util.concurrent.ConcurrentHashMap<>();

    GoogleGeocoder(GeocodingProperties settings, UsageLedger usage, ConnectionsService connections,
            GoogleGeocodingClient client) {
        this.settings = settings;
        this.usage = usage;
        this.connections = connections;
        this.client = client;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean available(TenantId tenant) {
        if (!settings.online()) {
            return false;
        }
        ProviderAccount account = connections.activeAccount(tenant, ConnectionType.GEOCODING);
        if (!account.providerId().equals(ID)) {
            return false;
        }
        BigDecimal budget = account.setting("monthlyBudgetUsd").map(BigDecimal::new).orElse(new BigDecimal("50"));
        return usage.spentThisMonth(tenant, ID).add(PRICE).compareTo(budget) <= 0;
    }

    @Override
    public Optional<Geocode> geocode(TenantId tenant, GeocodeRequest request) {
        ProviderAccount account = connections.activeAccount(tenant, ConnectionType.GEOCODING);
        Bucket bucket = perMinute.computeIfAbsent(account.connectionId(), id -> Bucket.builder()
                .addLimit(l -> l.capacity(settings.googlePerMinute())
                        .refillGreedy(settings.googlePerMinute(), Duration.ofMinutes(1)))
                .build());
        if (!bucket.tryConsume(1)) {
            throw new GeocodingProvider.GeocodingException("Google's limit of " + settings.googlePerMinute()
                    + " requests a minute is reached; the address is asked again later");
        }
        JsonNode answer = client.geocode(account, request.oneLine());
        usage.record(tenant, ID, "geocode", 1, PRICE, null);
        String status = answer.path("status").asString("");
        return switch (status) {
            case "OK" -> {
                JsonNode r = answer.path("results").get(0);
                JsonNode loc = r.path("geometry").path("location");
                Geocode.Accuracy accuracy = switch (r.path("geometry").path("location_type").asString("")) {
                    case "ROOFTOP" -> Geocode.Accuracy.ROOFTOP;
                    case "RANGE_INTERPOLATED" -> Geocode.Accuracy.INTERPOLATED;
                    case "GEOMETRIC_CENTER" -> Geocode.Accuracy.CENTROID;
                    default -> Geocode.Accuracy.APPROXIMATE;
                };
                yield Optional.of(new Geocode(loc.path("lat").doubleValue(), loc.path("lng").doubleValue(), accuracy,
                        r.path("formatted_address").asString(""), ID));
            }
            case "ZERO_RESULTS" -> Optional.empty();
            default -> throw new GeocodingProvider.GeocodingException("Google answered " + status
                    + (answer.has("error_message") ? ": " + answer.path("error_message").asString() : ""));
        };
    }
}

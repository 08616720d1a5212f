package dev.ridgeline.property.geocoding;

import java.util.List;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

import dev.ridgeline.connections.CheckResult;
import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.connections.ProviderDefinition;
import dev.ridgeline.connections.ProviderField;
import dev.ridgeline.connections.UsageLedger;

/** The connection form for Google Geocoding and its "Test" button (one paid request, counted). */
@Component
class GoogleGeocodingDefinition implements ProviderDefinition {

    private final GoogleGeocodingClient client;
    private final UsageLedger usage;

    GoogleGeocodingDefinition(GoogleGeocodingClient client, UsageLedger usage) {
        this.client = client;
        this.usage = usage;
    }

    @Override
    public ConnectionType type() {
        return ConnectionType.GEOCODING;
    }

    @Override
    public String providerId() {
        return GoogleGeocoder.ID;
    }

    @Override
    public String displayName() {
        return "Google Geocoding";
    }

    @Override
    public String description() {
        return "Paid ($5 per 1,000 addresses after Google's free monthly allowance), rooftop-precise for most US "
                + "homes. Asked only after the free sources (your footprints, the US Census) find nothing, and only "
                + "up to the monthly budget you set here.";
    }

    @Override
    public List<ProviderField> settings() {
        return List.of(ProviderField.optional("monthlyBudgetUsd", "Monthly budget (USD)", "default 50; no calls beyond it"));
    }

    @Override
    public List<ProviderField> secrets() {
        return List.of(ProviderField.required("apiKey", "API key", "a key restricted to the Geocoding API"),
                ProviderField.optional("signingSecret", "URL signing secret", "optional; signs each request"));
    }

    @Override
    public CheckResult check(ProviderAccount account) {
        try {
            JsonNode answer = client.geocode(account, "1600 Amphitheatre Parkway, Mountain View, CA");
            usage.record(account.tenantId(), GoogleGeocoder.ID, "check", 1, GoogleGeocoder.PRICE, null);
            String status = answer.path("status").asString("");
            return status.equals("OK") ? CheckResult.ok("Google answered; geocoding works.")
                    : CheckResult.failed("Google answered " + status
                            + (answer.has("error_message") ? ": " + answer.path("error_message").asString() : ""));
        } catch (GeocodingProvider.GeocodingException e) {
            return CheckResult.failed(e.getMessage());
        }
    }
}

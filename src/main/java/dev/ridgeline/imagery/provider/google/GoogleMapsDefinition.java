package dev.ridgeline.imagery.provider.google;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.ridgeline.connections.CheckResult;
import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.connections.ProviderDefinition;
import dev.ridgeline.connections.ProviderField;
import dev.ridgeline.imagery.ImageryException;

/** The connection form for Google's imagery; "Test" asks the free Street View metadata endpoint only. */
@Component
class GoogleMapsDefinition implements ProviderDefinition {

    private final GoogleMaps google;

    GoogleMapsDefinition(GoogleMaps google) {
        this.google = google;
    }

    @Override
    public ConnectionType type() {
        return ConnectionType.IMAGERY;
    }

    @Override
    public String providerId() {
        return GoogleMaps.PROVIDER;
    }

    @Override
    public String displayName() {
        return "Google Street View and satellite";
    }

    @Override
    public String description() {
        return "Paid: $7 per 1,000 street views and $2 per 1,000 satellite images after Google's free monthly use. "
                + "Asked only when the free sources have no image, and only within the imagery budgets (Settings, Imagery). "
                + "Google's terms limit caching, so its images are dropped after 30 days.";
    }

    @Override
    public List<ProviderField> settings() {
        return List.of();
    }

    @Override
    public List<ProviderField> secrets() {
        return List.of(ProviderField.required("apiKey", "API key", "restricted to Street View Static and Maps Static"),
                ProviderField.optional("signingSecret", "URL signing secret", "signs every request (recommended)"));
    }

    @Override
    public CheckResult check(ProviderAccount account) {
        try {
            var meta = google.json(GoogleStreetView.ID, google.get(GoogleStreetView.ID, account,
                    "/maps/api/streetview/metadata?location=39.739200,-104.990300&radius=50&source=outdoor"));
            String status = meta.path("status").asString("");
            return status.equals("OK") || status.equals("ZERO_RESULTS")
                    ? CheckResult.ok("Google answered the free metadata request; the key works.")
                    : CheckResult.failed(GoogleMaps.failure(GoogleStreetView.ID, meta).getMessage());
        } catch (ImageryException e) {
            return CheckResult.failed(e.getMessage());
        }
    }
}

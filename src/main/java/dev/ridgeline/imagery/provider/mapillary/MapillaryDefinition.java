package dev.ridgeline.imagery.provider.mapillary;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.ridgeline.connections.CheckResult;
import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.connections.ProviderDefinition;
import dev.ridgeline.connections.ProviderField;
import dev.ridgeline.imagery.ImageRequest;
import dev.ridgeline.imagery.ImageryException;
import dev.ridgeline.imagery.Meter;
import dev.ridgeline.imagery.Purpose;

/** The connection form for Mapillary: a free client token; "Test" searches one busy street corner. */
@Component
class MapillaryDefinition implements ProviderDefinition {

    private final MapillaryStreet source;

    MapillaryDefinition(MapillaryStreet source) {
        this.source = source;
    }

    @Override
    public ConnectionType type() {
        return ConnectionType.IMAGERY;
    }

    @Override
    public String providerId() {
        return MapillaryStreet.ID;
    }

    @Override
    public String displayName() {
        return "Mapillary street-level";
    }

    @Override
    public String description() {
        return "Free crowd-sourced street photos (CC BY-SA), asked before Google's paid Street View. Make a client "
                + "token in Mapillary's developer dashboard (it starts with MLY|).";
    }

    @Override
    public List<ProviderField> settings() {
        return List.of();
    }

    @Override
    public List<ProviderField> secrets() {
        return List.of(ProviderField.required("accessToken", "Client token", "MLY|app id|hash"));
    }

    @Override
    public CheckResult check(ProviderAccount account) {
        try {
            var request = new ImageRequest(Purpose.STREET_VIEW, 39.7392, -104.9903, 40, 1, 640, List.of(), null, null,
                    null);
            return source.fetch(account.requireSecret("accessToken").reveal(), request, Meter.NONE)
                    .map(i -> CheckResult.ok("Mapillary answered with a photo from " + i.capturedOn() + "."))
                    .orElse(CheckResult.ok("Mapillary accepted the token (no photo at the test corner)."));
        } catch (ImageryException e) {
            return CheckResult.failed(e.getMessage());
        }
    }
}

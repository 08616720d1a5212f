package dev.ridgeline.property.geocoding;

import org.springframework.stereotype.Component;

import dev.ridgeline.platform.PlatformProperties;

/** The User-Agent every geocoder call carries: the application, its address, and a contact where one is set. */
@Component
class UserAgent {

    private final String value;

    UserAgent(PlatformProperties platform, GeocodingProperties settings) {
        String version = UserAgent.class.getPackage().getImplementationVersion();
        this.value = "Ridgeline/" + (version == null ? "dev" : version) + " (+" + platform.publicUrl()
                + (settings.contactEmail() == null ? "" : "; " + settings.contactEmail()) + ")";
    }

    String value() {
        return value;
    }
}

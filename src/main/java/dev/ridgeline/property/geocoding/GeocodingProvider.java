package dev.ridgeline.property.geocoding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ridgeline.platform.TenantId;

/**
 * A geocoding source; what each call costs goes to the usage ledger from the adapter that made it. Answers are empty when the source has no match; a failure to ask (network, quota, a refused
 * key) is a {@link GeocodingException}, so the router can tell "not found" (cached) from "could not ask" (not).
 */
public interface GeocodingProvider {

    /** Stable id, recorded with every answer and in the usage ledger: {@code gazetteer}, {@code census}, ... */
    String id();

    /** Whether the source may be used for a whole list (Nominatim's policy forbids bulk geocoding). */
    default boolean bulkAllowed() {
        return true;
    }

    /** Whether the source can be asked for this tenant now (configured, online, under budget). */
    boolean available(TenantId tenant);

    Optional<Geocode> geocode(TenantId tenant, GeocodeRequest request);

    /** Many addresses; by default one at a time. Keys of the answer are the requests' keys. */
    default Map<String, Optional<Geocode>> geocodeAll(TenantId tenant, List<GeocodeRequest> requests) {
        Map<String, Optional<Geocode>> out = new LinkedHashMap<>();
        for (GeocodeRequest r : requests) {
            out.put(r.key(), geocode(tenant, r));
        }
        return out;
    }

    /** The source could not be asked. */
    class GeocodingException extends RuntimeException {
        public GeocodingException(String message) {
            super(message);
        }

        public GeocodingException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

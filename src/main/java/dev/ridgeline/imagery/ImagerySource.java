package dev.ridgeline.imagery;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

import dev.ridgeline.platform.TenantId;

/**
 * A source of map, aerial or street-level imagery. The router asks the sources that serve a purpose from the
 * cheapest up, skipping those not configured for the company, over budget or resting after a refusal, and falls
 * back to the next on an empty answer (no coverage) or an {@link ImageryException}.
 */
public interface ImagerySource {

    /** Stable id, stored with every image and ledger entry: {@code sandbox}, {@code esri}, {@code google-streetview}. */
    String id();

    String displayName();

    Set<Purpose> purposes();

    /** What one image for a purpose costs in dollars (zero for free sources). */
    BigDecimal unitPrice(Purpose purpose);

    default boolean paid() {
        return purposes().stream().anyMatch(p -> unitPrice(p).signum() > 0);
    }

    /** The finest ground resolution the source has, in metres a pixel (street-level sources: 0). */
    double nativeResolutionMetres();

    /** Whether the source may be asked for this company now (switched on, keyed, online). */
    boolean configured(TenantId tenant);

    /** How long its images may be kept. */
    Retention retention();

    /** The most requests a second the source accepts from this installation. */
    default double requestsPerSecond() {
        return 10;
    }

    /** An image for the request, or empty where the source has none (no coverage, no capture in the dates). */
    Optional<FetchedImage> fetch(TenantId tenant, ImageRequest request, Meter meter);

    /** A base-map tile (PNG or JPEG bytes), for sources that serve {@link Purpose#BASE_MAP}. */
    default Optional<TileImage> tile(TenantId tenant, int zoom, int x, int y, Meter meter) {
        return Optional.empty();
    }

    /** A map tile and how long it may be cached (from the source's caching headers). */
    record TileImage(byte[] bytes, String contentType, java.time.Duration maxAge) {
    }
}

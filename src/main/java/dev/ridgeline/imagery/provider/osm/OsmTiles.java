package dev.ridgeline.imagery.provider.osm;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.ridgeline.imagery.FetchedImage;
import dev.ridgeline.imagery.ImageRequest;
import dev.ridgeline.imagery.ImageryProperties;
import dev.ridgeline.imagery.ImagerySource;
import dev.ridgeline.imagery.Meter;
import dev.ridgeline.imagery.Purpose;
import dev.ridgeline.imagery.Retention;
import dev.ridgeline.imagery.internal.ImageryHttp;
import dev.ridgeline.platform.TenantId;

/**
 * OpenStreetMap's standard tiles for the base map, under the OSMF tile usage policy: requests carry the app's own
 * User-Agent, each tile is cached as long as its Cache-Control allows and at least a week, tiles are fetched only
 * when a person views the map (never in bulk), and the URL is a setting so a commercial or own tile server can
 * replace it without a release.
 */
@Component
public class OsmTiles implements ImagerySource {

    public static final String ID = "osm";
    /** The policy asks apps to keep tiles at least 7 days rather than ask again. */
    static final Duration MIN_CACHE = Duration.ofDays(7);

    private final ImageryProperties settings;
    private final ImageryHttp http;

    public OsmTiles(ImageryProperties settings, ImageryHttp http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "OpenStreetMap tiles";
    }

    @Override
    public Set<Purpose> purposes() {
        return Set.of(Purpose.BASE_MAP);
    }

    @Override
    public BigDecimal unitPrice(Purpose purpose) {
        return BigDecimal.ZERO;
    }

    @Override
    public double nativeResolutionMetres() {
        return 0.3;
    }

    @Override
    public boolean configured(TenantId tenant) {
        return settings.online() && !settings.osmTileUrl().isBlank();
    }

    @Override
    public Retention retention() {
        return Retention.days(30, "cached as the tile's caching headers allow, at least 7 days (OSMF tile policy)");
    }

    /** One map view asks for a screenful of tiles at once; the cache answers most of them after the first view. */
    @Override
    public double requestsPerSecond() {
        return 20;
    }

    @Override
    public Optional<FetchedImage> fetch(TenantId tenant, ImageRequest request, Meter meter) {
        return Optional.empty();
    }

    @Override
    public Optional<TileImage> tile(TenantId tenant, int zoom, int x, int y, Meter meter) {
        String url = settings.osmTileUrl().replace("{z}", Integer.toString(zoom)).replace("{x}", Integer.toString(x))
                .replace("{y}", Integer.toString(y));
        ImageryHttp.Answer a = http.get(ID, url);
        meter.call("tile", 1, BigDecimal.ZERO);
        if (a.status() == 404) {
            return Optional.empty();
        }
        ImageryHttp.ok(ID, a);
        Duration age = ImageryHttp.maxAge(a.cacheControl(), MIN_CACHE);
        return Optional.of(new TileImage(a.body(), a.contentType().isBlank() ? "image/png" : a.contentType(),
                age.compareTo(MIN_CACHE) < 0 ? MIN_CACHE : age));
    }
}

package dev.ridgeline.imagery.provider.google;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.imagery.FetchedImage;
import dev.ridgeline.imagery.ImageRequest;
import dev.ridgeline.imagery.ImageryException;
import dev.ridgeline.imagery.ImagerySource;
import dev.ridgeline.imagery.Meter;
import dev.ridgeline.imagery.Purpose;
import dev.ridgeline.imagery.Retention;
import dev.ridgeline.imagery.TileMath;
import dev.ridgeline.imagery.internal.ImageryHttp;
import dev.ridgeline.imagery.internal.Images;
import dev.ridgeline.platform.TenantId;

/**
 * Google Maps Static satellite imagery, paid ($2.00 per 1,000): one image centred on the building at the deepest
 * zoom whose 640 pixels still hold the footprint with its margin, at scale 2 (twice the pixels for the same
 * ground). Google does not publish the capture date. Dropped after 30 days, as its terms limit caching.
 */
@Component
public class GoogleStaticSatellite implements ImagerySource {

    public static final String ID = "google-static";
    static final BigDecimal PRICE = new BigDecimal("0.002");
    static final int MAX_ZOOM = 20;

    private final GoogleMaps google;

    GoogleStaticSatellite(GoogleMaps google) {
        this.google = google;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Google Maps Static (satellite)";
    }

    @Override
    public Set<Purpose> purposes() {
        return Set.of(Purpose.ROOF_CROP);
    }

    @Override
    public BigDecimal unitPrice(Purpose purpose) {
        return PRICE;
    }

    @Override
    public double nativeResolutionMetres() {
        return 0.1;
    }

    @Override
    public boolean configured(TenantId tenant) {
        return google.configured(tenant);
    }

    @Override
    public Retention retention() {
        return Retention.days(30, "Google Maps Platform terms restrict caching: dropped after 30 days");
    }

    @Override
    public double requestsPerSecond() {
        return 100;
    }

    @Override
    public Optional<FetchedImage> fetch(TenantId tenant, ImageRequest request, Meter meter) {
        if (request.takenBefore() != null || request.takenAfter() != null) {
            return Optional.empty(); // one current mosaic without dates
        }
        ProviderAccount account = google.account(tenant).orElseThrow(() -> new ImageryException(ID,
                ImageryException.Kind.DENIED, "no Google Maps connection"));
        return fetch(account, request, meter);
    }

    Optional<FetchedImage> fetch(ProviderAccount account, ImageRequest request, Meter meter) {
        // The deepest zoom at which the extent fits in 640 pixels (scale 1 pixels).
        double fit = request.extentMetres() / 640;
        int zoom = Math.min(MAX_ZOOM, Math.max(1, TileMath.zoomFor(request.latitude(), fit, MAX_ZOOM)));
        while (zoom > 1 && request.extentMetres() / TileMath.groundResolution(request.latitude(), zoom) > 640) {
            zoom--;
        }
        int side = (int) Math.min(640, Math.ceil(request.extentMetres() / TileMath.groundResolution(request.latitude(), zoom)));
        ImageryHttp.Answer a = google.get(ID, account, String.format(Locale.ROOT,
                "/maps/api/staticmap?center=%.6f,%.6f&zoom=%d&size=%dx%d&scale=2&maptype=satellite&format=png",
                request.latitude(), request.longitude(), zoom, side, side));
        if (a.status() == 404) {
            return Optional.empty();
        }
        ImageryHttp.ok(ID, a);
        meter.call("staticmap", 1, PRICE);
        var img = Images.decode(a.body());
        if (img == null) {
            throw new ImageryException(ID, ImageryException.Kind.BAD_ANSWER, "the image is not an image ("
                    + a.contentType() + ")");
        }
        return Optional.of(new FetchedImage(Images.jpeg(img), "image/jpeg", img.getWidth(), img.getHeight(), null, null,
                TileMath.groundResolution(request.latitude(), zoom) / 2, null, null, null, "z" + zoom, "staticmap",
                "Imagery © Google", "Google Maps Platform terms; 30-day cache", false));
    }
}

package dev.ridgeline.imagery.provider.google;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

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
 * Google Street View Static, paid ($7.00 per 1,000 images): the free metadata endpoint is asked first and the
 * image is fetched only when a panorama exists, by its id, with the camera turned from the panorama's position to
 * the building so the house faces it. The capture month comes from the metadata. Google's terms limit keeping its
 * content, so images are dropped after 30 days and fetched again when needed.
 */
@Component
public class GoogleStreetView implements ImagerySource {

    public static final String ID = "google-streetview";
    static final BigDecimal PRICE = new BigDecimal("0.007");

    private final GoogleMaps google;

    GoogleStreetView(GoogleMaps google) {
        this.google = google;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Google Street View Static";
    }

    @Override
    public Set<Purpose> purposes() {
        return Set.of(Purpose.STREET_VIEW);
    }

    @Override
    public BigDecimal unitPrice(Purpose purpose) {
        return PRICE;
    }

    @Override
    public double nativeResolutionMetres() {
        return 0;
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
        return 50;
    }

    @Override
    public Optional<FetchedImage> fetch(TenantId tenant, ImageRequest request, Meter meter) {
        ProviderAccount account = google.account(tenant).orElseThrow(() -> new ImageryException(ID,
                ImageryException.Kind.DENIED, "no Google Maps connection"));
        return fetch(account, request, meter);
    }

    Optional<FetchedImage> fetch(ProviderAccount account, ImageRequest request, Meter meter) {
        String location = String.format(Locale.ROOT, "%.6f,%.6f", request.latitude(), request.longitude());
        JsonNode meta = google.json(ID, google.get(ID, account, "/maps/api/streetview/metadata?location=" + location
                + "&radius=50&source=outdoor"));
        meter.call("streetview-metadata", 1, BigDecimal.ZERO);
        String status = meta.path("status").asString("");
        if (status.equals("ZERO_RESULTS") || status.equals("NOT_FOUND")) {
            return Optional.empty();
        }
        if (!status.equals("OK")) {
            throw GoogleMaps.failure(ID, meta);
        }
        LocalDate month = month(meta.path("date").asString(""));
        if (!request.accepts(month)) {
            return Optional.empty(); // Google offers only its latest panorama here
        }
        double panoLat = meta.path("location").path("lat").asDouble();
        double panoLon = meta.path("location").path("lng").asDouble();
        String pano = meta.path("pano_id").asString("");
        double heading = TileMath.bearing(panoLat, panoLon, request.latitude(), request.longitude());
        int w = Math.min(640, request.maxPixels());
        int h = Math.min(640, w * 5 / 8);
        ImageryHttp.Answer a = google.get(ID, account, "/maps/api/streetview?size=" + w + "x" + h + "&pano=" + pano
                + String.format(Locale.ROOT, "&heading=%.1f", heading) + "&pitch=10&fov=80&return_error_code=true");
        if (a.status() == 404) {
            return Optional.empty();
        }
        ImageryHttp.ok(ID, a);
        meter.call("streetview-static", 1, PRICE);
        int[] img = Images.dimensions(a.body());
        if (img == null) {
            throw new ImageryException(ID, ImageryException.Kind.BAD_ANSWER, "the image is not an image");
        }
        return Optional.of(new FetchedImage(a.body(), Images.contentType(a.body()), img[0], img[1],
                month, month == null ? null : "MONTH", null, heading, panoLat, panoLon, null, "streetview-static",
                meta.path("copyright").asString("© Google"), "Google Maps Platform terms; 30-day cache", false));
    }

    private static LocalDate month(String yearMonth) {
        try {
            return yearMonth.length() == 7 ? YearMonth.parse(yearMonth).atDay(1)
                    : yearMonth.length() == 4 ? LocalDate.of(Integer.parseInt(yearMonth), 1, 1) : null;
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }
}

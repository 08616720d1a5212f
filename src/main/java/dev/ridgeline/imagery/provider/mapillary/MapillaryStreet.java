package dev.ridgeline.imagery.provider.mapillary;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.imagery.FetchedImage;
import dev.ridgeline.imagery.ImageRequest;
import dev.ridgeline.imagery.ImageryException;
import dev.ridgeline.imagery.ImageryProperties;
import dev.ridgeline.imagery.ImagerySource;
import dev.ridgeline.imagery.Meter;
import dev.ridgeline.imagery.Purpose;
import dev.ridgeline.imagery.Retention;
import dev.ridgeline.imagery.TileMath;
import dev.ridgeline.imagery.internal.ImageryAccounts;
import dev.ridgeline.imagery.internal.ImageryHttp;
import dev.ridgeline.imagery.internal.Images;
import dev.ridgeline.platform.TenantId;

/**
 * Mapillary's crowd-sourced street-level photos (API v4, CC BY-SA), free with a client token the company connects.
 * Asks for the images in a small box around the house, keeps those whose dates fit, and takes the one that looks
 * most squarely at the house: near, and with its compass angle close to the bearing from where it was taken to the
 * building. Stores the image id, never the expiring thumbnail URL.
 */
@Component
public class MapillaryStreet implements ImagerySource {

    public static final String ID = "mapillary";
    /** Half the side of the box asked about, in metres (the API refuses boxes of 0.01 square degrees or more). */
    static final double RADIUS_M = 60;

    private final ImageryProperties settings;
    private final ImageryHttp http;
    private final ImageryAccounts accounts;
    private final JsonMapper json = JsonMapper.builder().build();

    public MapillaryStreet(ImageryProperties settings, ImageryHttp http, ImageryAccounts accounts) {
        this.settings = settings;
        this.http = http;
        this.accounts = accounts;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Mapillary street-level";
    }

    @Override
    public Set<Purpose> purposes() {
        return Set.of(Purpose.STREET_VIEW);
    }

    @Override
    public BigDecimal unitPrice(Purpose purpose) {
        return BigDecimal.ZERO;
    }

    @Override
    public double nativeResolutionMetres() {
        return 0;
    }

    @Override
    public boolean configured(TenantId tenant) {
        return settings.online() && accounts.account(tenant, ID).isPresent();
    }

    @Override
    public Retention retention() {
        return Retention.keep("CC BY-SA 4.0: kept with its attribution");
    }

    @Override
    public Optional<FetchedImage> fetch(TenantId tenant, ImageRequest request, Meter meter) {
        ProviderAccount account = accounts.account(tenant, ID).orElseThrow(() -> new ImageryException(ID,
                ImageryException.Kind.DENIED, "no Mapillary connection"));
        return fetch(account.requireSecret("accessToken").reveal(), request, meter);
    }

    /** The same with a token in hand (the connection form's test). */
    public Optional<FetchedImage> fetch(String token, ImageRequest request, Meter meter) {
        double[] sw = TileMath.offset(request.latitude(), request.longitude(), 225, RADIUS_M * Math.sqrt(2));
        double[] ne = TileMath.offset(request.latitude(), request.longitude(), 45, RADIUS_M * Math.sqrt(2));
        String url = settings.mapillaryUrl() + "/images?access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + "&fields=id,captured_at,compass_angle,computed_geometry,geometry,is_pano,thumb_1024_url"
                + "&bbox=" + String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.6f", sw[1], sw[0], ne[1], ne[0]) + "&limit=50";
        ImageryHttp.Answer a = ImageryHttp.ok(ID, http.get(ID, url));
        meter.call("images-search", 1, BigDecimal.ZERO);
        JsonNode root;
        try {
            root = json.readTree(a.body());
        } catch (JacksonException e) {
            throw new ImageryException(ID, ImageryException.Kind.BAD_ANSWER, "the search answered something that is not JSON");
        }
        Candidate best = null;
        for (JsonNode image : root.path("data")) {
            Candidate c = candidate(image, request);
            if (c != null && request.accepts(c.day()) && (best == null || c.score() < best.score())) {
                best = c;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        if (request.takenAfter() != null || request.takenBefore() != null) {
            // Nearest in time to the storm among those that look at the house well enough.
            LocalDate pivot = request.takenAfter() != null ? request.takenAfter() : request.takenBefore();
            Candidate looking = best;
            best = java.util.stream.StreamSupport.stream(root.path("data").spliterator(), false)
                    .map(i -> candidate(i, request)).filter(c -> c != null && request.accepts(c.day())
                            && c.score() < looking.score() + 40)
                    .min(Comparator.comparingLong(c -> Math.abs(c.day().toEpochDay() - pivot.toEpochDay())))
                    .orElse(looking);
        }
        ImageryHttp.Answer photo = ImageryHttp.ok(ID, http.get(ID, best.thumbUrl()));
        meter.call("thumbnail", 1, BigDecimal.ZERO);
        int[] img = Images.dimensions(photo.body());
        if (img == null) {
            throw new ImageryException(ID, ImageryException.Kind.BAD_ANSWER, "image " + best.id() + " is not an image");
        }
        return Optional.of(new FetchedImage(photo.body(), Images.contentType(photo.body()), img[0],
                img[1], best.day(), "DAY", null, best.compass(), best.lat(), best.lon(), best.id(),
                "images", "© Mapillary contributors, CC BY-SA 4.0 (image " + best.id() + ")",
                "CC BY-SA 4.0: attribution, share alike", false));
    }

    private record Candidate(String id, LocalDate day, double compass, double lat, double lon, String thumbUrl,
            double score) {
    }

    private static @Nullable Candidate candidate(JsonNode image, ImageRequest request) {
        JsonNode geometry = image.has("computed_geometry") ? image.path("computed_geometry") : image.path("geometry");
        JsonNode coords = geometry.path("coordinates");
        String thumb = image.path("thumb_1024_url").asString("");
        if (coords.size() < 2 || thumb.isEmpty() || !image.has("captured_at")) {
            return null;
        }
        double lon = coords.get(0).asDouble();
        double lat = coords.get(1).asDouble();
        double compass = image.path("compass_angle").asDouble(Double.NaN);
        double toHouse = TileMath.bearing(lat, lon, request.latitude(), request.longitude());
        double distance = TileMath.distance(lat, lon, request.latitude(), request.longitude());
        boolean pano = image.path("is_pano").asBoolean(false);
        double off = pano || Double.isNaN(compass) ? 0 : Math.abs(((compass - toHouse) % 360 + 540) % 360 - 180);
        if (!pano && off > 75) {
            return null; // looking away from the house
        }
        LocalDate day = Instant.ofEpochMilli(image.path("captured_at").asLong()).atZone(ZoneOffset.UTC).toLocalDate();
        return new Candidate(image.path("id").asString(""), day, pano || Double.isNaN(compass) ? toHouse : compass, lat,
                lon, thumb, distance + off);
    }
}

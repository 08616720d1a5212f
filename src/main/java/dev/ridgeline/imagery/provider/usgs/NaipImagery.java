package dev.ridgeline.imagery.provider.usgs;

import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ridgeline.imagery.FetchedImage;
import dev.ridgeline.imagery.ImageRequest;
import dev.ridgeline.imagery.ImageryException;
import dev.ridgeline.imagery.ImageryProperties;
import dev.ridgeline.imagery.ImagerySource;
import dev.ridgeline.imagery.Meter;
import dev.ridgeline.imagery.Purpose;
import dev.ridgeline.imagery.Retention;
import dev.ridgeline.imagery.TileMath;
import dev.ridgeline.imagery.internal.ImageryHttp;
import dev.ridgeline.imagery.internal.Images;
import dev.ridgeline.platform.TenantId;

/**
 * USDA NAIP aerial imagery from the USGS National Map ImageServer, public domain, about 0.6 m a pixel (too coarse
 * for shingles, enough for the roof's outline, trees and tarps). The catalog is asked which flights cover the point
 * and when they were flown ({@code query}); the crop is cut with {@code exportImage} in Web Mercator, locked to the
 * flight whose date fits a before-or-after request. An answer that is one flat colour (outside the flights) is "no
 * coverage".
 */
@Component
public class NaipImagery implements ImagerySource {

    public static final String ID = "naip";
    static final double NATIVE = 0.6;
    private static final List<String> DATE_FIELDS = List.of("AcquisitionDate", "acquisition_date", "AcqDate",
            "SrcImgDate", "Date", "ImageDate");

    private final ImageryProperties settings;
    private final ImageryHttp http;
    private final JsonMapper json = JsonMapper.builder().build();

    public NaipImagery(ImageryProperties settings, ImageryHttp http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "USDA NAIP (USGS National Map)";
    }

    @Override
    public Set<Purpose> purposes() {
        return Set.of(Purpose.ROOF_CROP);
    }

    @Override
    public BigDecimal unitPrice(Purpose purpose) {
        return BigDecimal.ZERO;
    }

    @Override
    public double nativeResolutionMetres() {
        return NATIVE;
    }

    @Override
    public boolean configured(TenantId tenant) {
        return settings.online() && settings.naipEnabled();
    }

    @Override
    public Retention retention() {
        return Retention.keep("US federal imagery, public domain");
    }

    @Override
    public double requestsPerSecond() {
        return 5;
    }

    /** A flight over the point: the catalog item's id and the day it was flown. */
    record Flight(long objectId, LocalDate flown) {
    }

    @Override
    public Optional<FetchedImage> fetch(TenantId tenant, ImageRequest request, Meter meter) {
        List<Flight> flights = flights(request, meter);
        Flight chosen;
        if (request.takenAfter() != null) {
            chosen = flights.stream().filter(f -> request.accepts(f.flown())).min(Comparator.comparing(Flight::flown))
                    .orElse(null);
        } else {
            chosen = flights.stream().filter(f -> request.accepts(f.flown())).max(Comparator.comparing(Flight::flown))
                    .orElse(null);
        }
        boolean dated = request.takenBefore() != null || request.takenAfter() != null;
        if (chosen == null && (dated || flights.isEmpty())) {
            return Optional.empty();
        }
        int size = request.cropPixels();
        double cos = Math.cos(Math.toRadians(request.latitude()));
        double[] c = TileMath.toMercatorMetres(request.latitude(), request.longitude());
        double half = request.extentMetres() / 2 / cos;
        StringBuilder url = new StringBuilder(settings.naipUrl()).append("/exportImage?bbox=")
                .append(String.format(Locale.ROOT, "%.2f,%.2f,%.2f,%.2f", c[0] - half, c[1] - half, c[0] + half, c[1] + half))
                .append("&bboxSR=3857&imageSR=3857&size=").append(size).append(',').append(size)
                .append("&format=jpgpng&pixelType=U8&bandIds=0,1,2&interpolation=RSP_BilinearInterpolation");
        if (dated && chosen != null) {
            url.append("&mosaicRule=").append(URLEncoder.encode("{\"mosaicMethod\":\"esriMosaicLockRaster\",\"lockRasterIds\":["
                    + chosen.objectId() + "]}", StandardCharsets.UTF_8));
        }
        url.append("&f=image");
        ImageryHttp.Answer a = ImageryHttp.ok(ID, http.get(ID, url.toString()));
        meter.call("export-image", 1, BigDecimal.ZERO);
        if (!a.contentType().startsWith("image/")) {
            throw new ImageryException(ID, ImageryException.Kind.BAD_ANSWER, "exportImage answered " + a.contentType()
                    + (a.contentType().contains("json") ? ": " + a.text().strip() : ""));
        }
        BufferedImage img = Images.decode(a.body());
        if (img == null) {
            throw new ImageryException(ID, ImageryException.Kind.BAD_ANSWER, "exportImage's answer is not an image");
        }
        if (flat(img)) {
            return Optional.empty();
        }
        return Optional.of(new FetchedImage(Images.jpeg(img), "image/jpeg", img.getWidth(), img.getHeight(),
                chosen == null ? null : chosen.flown(), chosen == null ? null : "DAY",
                Math.max(NATIVE, request.extentMetres() / size), null, null, null,
                chosen == null ? null : "raster-" + chosen.objectId(), "naip-export",
                "USDA Farm Production and Conservation, NAIP imagery via the USGS National Map",
                "public domain (US federal)", false).withPixelMetres(request.extentMetres() / img.getWidth()));
    }

    /** The catalog's flights over the point with their dates; none when the catalog cannot be asked. */
    List<Flight> flights(ImageRequest request, Meter meter) {
        String url = settings.naipUrl() + "/query?where=1%3D1&geometry="
                + String.format(Locale.ROOT, "%.6f,%.6f", request.longitude(), request.latitude())
                + "&geometryType=esriGeometryPoint&inSR=4326&spatialRel=esriSpatialRelIntersects&outFields=*"
                + "&returnGeometry=false&f=json";
        ImageryHttp.Answer a = ImageryHttp.ok(ID, http.get(ID, url));
        meter.call("catalog-query", 1, BigDecimal.ZERO);
        JsonNode root;
        try {
            root = json.readTree(a.body());
        } catch (JacksonException e) {
            throw new ImageryException(ID, ImageryException.Kind.BAD_ANSWER, "the catalog answered something that is not JSON");
        }
        if (root.has("error")) {
            JsonNode e = root.path("error");
            int code = e.path("code").asInt(500);
            throw new ImageryException(ID, ImageryException.ofStatus(code), "the catalog answered " + code + ": "
                    + e.path("message").asString(""));
        }
        List<Flight> out = new ArrayList<>();
        for (JsonNode f : root.path("features")) {
            JsonNode attrs = f.path("attributes");
            long id = attrs.has("OBJECTID") ? attrs.path("OBJECTID").asLong() : attrs.path("objectid").asLong(-1);
            LocalDate day = null;
            for (String field : DATE_FIELDS) {
                if (attrs.has(field) && (day = date(attrs.path(field))) != null) {
                    break;
                }
            }
            if (id >= 0 && day != null) {
                out.add(new Flight(id, day));
            }
        }
        return out;
    }

    /** ArcGIS dates are epoch milliseconds; some catalogs keep {@code yyyyMMdd} or ISO text. */
    static @Nullable LocalDate date(JsonNode v) {
        if (v.isNumber()) {
            long n = v.asLong();
            if (n > 19_000_000 && n < 21_000_000) {
                return LocalDate.of((int) (n / 10_000), (int) (n / 100 % 100), (int) (n % 100));
            }
            return Instant.ofEpochMilli(n).atZone(ZoneOffset.UTC).toLocalDate();
        }
        String s = v.asString("").strip();
        try {
            return s.length() == 8 ? LocalDate.parse(s, DateTimeFormatter.BASIC_ISO_DATE)
                    : s.length() >= 10 ? LocalDate.parse(s.substring(0, 10)) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean flat(BufferedImage img) {
        int first = img.getRGB(0, 0);
        for (int y = 0; y < img.getHeight(); y += Math.max(1, img.getHeight() / 16)) {
            for (int x = 0; x < img.getWidth(); x += Math.max(1, img.getWidth() / 16)) {
                if (img.getRGB(x, y) != first) {
                    return false;
                }
            }
        }
        return true;
    }
}

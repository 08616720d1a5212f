package dev.ridgeline.imagery;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.github.bucket4j.Bucket;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ridgeline.imagery.internal.Budgets;
import dev.ridgeline.imagery.internal.ImageRepository;
import dev.ridgeline.imagery.internal.ImageStore;
import dev.ridgeline.imagery.provider.esri.EsriWorldImagery;
import dev.ridgeline.imagery.provider.sandbox.SandboxImagery;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.platform.Permission;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.property.Building;
import dev.ridgeline.property.Property;
import dev.ridgeline.property.PropertyDetails;
import dev.ridgeline.property.PropertyService;

/**
 * Imagery of properties, free first. For each image wanted: the stored one while it may be kept; else the sources
 * that serve the purpose, real free sources first (finest first), then paid ones from the cheapest (each reserved
 * against the company's budgets and quotas before the call), then the sandbox when it is switched on; a source
 * with no coverage, over its allowance, resting after a refusal or failing is passed over for the next. Every call
 * goes to the ledger; every image is stored with its source, capture date, resolution, attribution and licence,
 * and kept as long as its source's terms allow.
 */
@Service
public class ImageryService {

    private static final Logger log = LoggerFactory.getLogger(ImageryService.class);
    /** An aerial source coarser than this cannot show a roof. */
    static final double ROOF_MAX_RESOLUTION = 1.0;

    /** An image found (or not), and what the router passed over on the way, in plain words. */
    public record Lookup(Optional<StoredImage> image, List<String> notes, boolean cached) {
    }

    /** The same view before and after a storm. */
    public record BeforeAfter(LocalDate stormDay, Purpose purpose, StoredImage before, StoredImage after) {
    }

    /** A source as the spend page lists it. */
    public record SourceInfo(String id, String name, List<Purpose> purposes, BigDecimal unitPrice, boolean paid,
            boolean configured, String retention) {
    }

    private final List<ImagerySource> sources;
    private final Map<String, String> names = new LinkedHashMap<>();
    private final ImageRepository images;
    private final ImageStore store;
    private final Budgets budgets;
    private final PropertyService properties;
    private final ImageryProperties settings;
    private final IdGenerator ids;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Bucket> rates = new ConcurrentHashMap<>();
    private final Map<String, Instant> resting = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    ImageryService(List<ImagerySource> sources, ImageRepository images, ImageStore store, Budgets budgets,
            PropertyService properties, ImageryProperties settings, IdGenerator ids, Clock clock) {
        this.sources = List.copyOf(sources);
        this.sources.forEach(s -> names.put(s.id(), s.displayName()));
        this.images = images;
        this.store = store;
        this.budgets = budgets;
        this.properties = properties;
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
    }

    /** The image of a property for a purpose, optionally limited to captures before or after a day. */
    public Lookup image(Actor actor, UUID propertyId, Purpose purpose, @Nullable LocalDate takenBefore,
            @Nullable LocalDate takenAfter) {
        PropertyDetails details = properties.details(actor, propertyId);
        return image(actor.tenantId(), details, purpose, takenBefore, takenAfter);
    }

    /** The same for a property already read (a batch, the lead page). */
    public Lookup image(TenantId tenant, PropertyDetails details, Purpose purpose, @Nullable LocalDate takenBefore,
            @Nullable LocalDate takenAfter) {
        Property p = details.property();
        String limit = takenBefore != null ? "before:" + takenBefore : takenAfter != null ? "after:" + takenAfter : "";
        Instant now = clock.instant();
        Optional<StoredImage> kept = images.latest(tenant, p.id(), purpose, limit, now, names);
        if (kept.isPresent()) {
            hits.incrementAndGet();
            return new Lookup(kept, List.of(), true);
        }
        misses.incrementAndGet();
        Optional<ImageRequest> request = request(details, purpose);
        if (request.isEmpty()) {
            return new Lookup(Optional.empty(), List.of("the home has no location yet"), false);
        }
        ImageRequest r = request.get();
        if (takenBefore != null) {
            r = r.before(takenBefore);
        } else if (takenAfter != null) {
            r = r.after(takenAfter);
        }
        List<String> notes = new ArrayList<>();
        for (ImagerySource source : candidates(tenant, purpose, notes)) {
            Optional<StoredImage> got = ask(tenant, source, r, limit, notes);
            if (got.isPresent()) {
                return new Lookup(got, notes, false);
            }
        }
        return new Lookup(Optional.empty(), notes, false);
    }

    /**
     * The latest aerial (else street) view before a storm day and the earliest on or after it, where the sources
     * have both.
     */
    public Optional<BeforeAfter> beforeAfter(Actor actor, UUID propertyId, LocalDate stormDay) {
        PropertyDetails details = properties.details(actor, propertyId);
        for (Purpose purpose : List.of(Purpose.ROOF_CROP, Purpose.STREET_VIEW)) {
            Optional<StoredImage> before = image(actor.tenantId(), details, purpose, stormDay.minusDays(1), null).image();
            if (before.isEmpty()) {
                continue;
            }
            Optional<StoredImage> after = image(actor.tenantId(), details, purpose, null, stormDay).image();
            if (after.isPresent()) {
                return Optional.of(new BeforeAfter(stormDay, purpose, before.get(), after.get()));
            }
        }
        return Optional.empty();
    }

    /** An image's bytes, for the company that owns it. */
    public Map.Entry<StoredImage, byte[]> content(Actor actor, UUID imageId) {
        return content(actor.tenantId(), imageId);
    }

    /** The same for work the app does for a company (training its roof models on labelled images). */
    public Map.Entry<StoredImage, byte[]> content(TenantId tenant, UUID imageId) {
        StoredImage image = images.find(tenant, imageId, names)
                .orElseThrow(() -> new NotFoundException("image", imageId));
        byte[] bytes = store.get(image.contentHash()).orElseThrow(() -> new NotFoundException("image", imageId));
        return Map.entry(image, bytes);
    }

    /** A base-map tile: cached while its source allows, else from the first source that has it. */
    public Optional<ImagerySource.TileImage> tile(TenantId tenant, int zoom, int x, int y) {
        if (zoom < 0 || zoom > 22 || x < 0 || y < 0 || x >= (1 << zoom) || y >= (1 << zoom)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<String> notes = new ArrayList<>();
        for (ImagerySource source : candidates(tenant, Purpose.BASE_MAP, notes)) {
            Optional<String[]> cached = images.tile(source.id(), zoom, x, y, now);
            if (cached.isPresent()) {
                Optional<byte[]> bytes = store.get(cached.get()[0]);
                if (bytes.isPresent()) {
                    hits.incrementAndGet();
                    return Optional.of(new ImagerySource.TileImage(bytes.get(), cached.get()[1], Duration.ofDays(1)));
                }
            }
            if (!admit(tenant, source, notes)) {
                continue;
            }
            misses.incrementAndGet();
            Calls calls = new Calls();
            try {
                Optional<ImagerySource.TileImage> tile = source.tile(tenant, zoom, x, y, calls);
                if (tile.isPresent()) {
                    String hash = store.put(tile.get().bytes(), tile.get().contentType());
                    images.putTile(source.id(), zoom, x, y, hash, tile.get().contentType(), now,
                            now.plus(tile.get().maxAge()));
                    return tile;
                }
            } catch (ImageryException e) {
                rest(tenant, source, e, notes);
            } finally {
                calls.flush(tenant, source, Purpose.BASE_MAP, null);
            }
        }
        return Optional.empty();
    }

    /** The sources this build has, for the spend page. */
    public List<SourceInfo> sources(TenantId tenant) {
        return sources.stream().sorted(order(null)).map(s -> new SourceInfo(s.id(), s.displayName(),
                s.purposes().stream().sorted().toList(),
                s.purposes().stream().map(s::unitPrice).max(Comparator.naturalOrder()).orElse(BigDecimal.ZERO),
                s.paid(), s.configured(tenant), s.retention().why())).toList();
    }

    /** The spend page: budgets against this month's spend, sources, ledger lines, costliest homes, alerts. */
    public SpendReport spend(Actor actor) {
        actor.require(Permission.CONNECTIONS_MANAGE);
        TenantId tenant = actor.tenantId();
        Map<String, BigDecimal> spent = budgets.spentThisMonth(tenant);
        BigDecimal total = spent.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        Map<String, Budgets.Budget> set = budgets.budgets(tenant);
        List<SpendReport.BudgetLine> lines = new ArrayList<>();
        for (String scope : budgetScopes(tenant)) {
            Budgets.Budget b = set.get(scope);
            lines.add(new SpendReport.BudgetLine(scope, scope.equals(Budgets.OVERALL) ? "All imagery" : sourceName(scope),
                    b == null ? null : b.monthlyUsd(), b == null ? null : b.dailyQuota(),
                    scope.equals(Budgets.OVERALL) ? total : spent.getOrDefault(scope, BigDecimal.ZERO)));
        }
        return new SpendReport(lines, sources(tenant), budgets.thisMonth(tenant), budgets.byMonth(tenant, 6),
                budgets.byProperty(tenant, 20), budgets.alerts(tenant, 20), total);
    }

    /** The budgets a company can set: overall, and each paid source. */
    public List<String> budgetScopes(TenantId tenant) {
        List<String> out = new ArrayList<>();
        out.add(Budgets.OVERALL);
        sources.stream().filter(ImagerySource::paid).map(ImagerySource::id).forEach(out::add);
        return out;
    }

    /** Sets a monthly budget (dollars) and daily quota (paid images) for a scope; null removes that limit. */
    public void setBudget(Actor actor, String scope, @Nullable BigDecimal monthlyUsd, @Nullable Integer dailyQuota) {
        actor.require(Permission.CONNECTIONS_MANAGE);
        if (!budgetScopes(actor.tenantId()).contains(scope)) {
            throw dev.ridgeline.platform.InvalidInputException.of("source", "no paid imagery source '" + scope + "'");
        }
        budgets.setBudget(actor.tenantId(), scope, monthlyUsd, dailyQuota);
    }

    /** Cache hits and misses since start (images and tiles), for the benchmark and health. */
    public long[] cacheCounts() {
        return new long[] {hits.get(), misses.get()};
    }

    public String sourceName(String id) {
        return names.getOrDefault(id, id);
    }

    private List<ImagerySource> candidates(TenantId tenant, Purpose purpose, List<String> notes) {
        List<ImagerySource> out = new ArrayList<>();
        for (ImagerySource s : sources) {
            if (!s.purposes().contains(purpose) || !s.configured(tenant)) {
                continue;
            }
            if (purpose == Purpose.ROOF_CROP && s.nativeResolutionMetres() > ROOF_MAX_RESOLUTION) {
                continue;
            }
            out.add(s);
        }
        out.sort(order(purpose));
        return out;
    }

    /** Real before made-up; free before paid; cheaper, then finer, first. */
    private static Comparator<ImagerySource> order(@Nullable Purpose purpose) {
        return Comparator.<ImagerySource, Boolean>comparing(s -> s.id().equals(SandboxImagery.ID))
                .thenComparing(s -> purpose == null ? BigDecimal.ZERO : s.unitPrice(purpose))
                .thenComparingDouble(ImagerySource::nativeResolutionMetres);
    }

    private Optional<StoredImage> ask(TenantId tenant, ImagerySource source, ImageRequest r, String limit,
            List<String> notes) {
        if (!admit(tenant, source, notes)) {
            return Optional.empty();
        }
        BigDecimal price = source.unitPrice(r.purpose());
        Budgets.Reservation reservation = null;
        if (price.signum() > 0) {
            reservation = budgets.reserve(tenant, source.id(), source.displayName(), r.purpose(), price, r.propertyId());
            if (!reservation.granted()) {
                notes.add(source.displayName() + " not asked: " + reservation.refusal());
                return Optional.empty();
            }
        }
        Calls calls = new Calls();
        calls.reservation = reservation == null ? null : reservation.id();
        boolean billed = false;
        try {
            Optional<FetchedImage> fetched = source.fetch(tenant, r, calls);
            billed = calls.confirmed;
            if (fetched.isEmpty()) {
                notes.add(source.displayName() + " has no " + r.purpose().label().toLowerCase(java.util.Locale.ROOT)
                        + " here" + (r.takenBefore() != null ? " before " + r.takenBefore().plusDays(1)
                        : r.takenAfter() != null ? " after " + r.takenAfter() : ""));
                return Optional.empty();
            }
            FetchedImage f = fetched.get();
            String hash = store.put(f.bytes(), f.contentType());
            Instant now = clock.instant();
            Duration keep = source.retention().keepFor();
            UUID id = ids.next();
            images.insert(tenant, id, r.propertyId(), r.purpose(), source.id(), f, hash, limit, now,
                    keep == null ? null : now.plus(keep));
            return images.find(tenant, id, names);
        } catch (ImageryException e) {
            billed = calls.confirmed;
            rest(tenant, source, e, notes);
            return Optional.empty();
        } catch (RuntimeException e) {
            billed = calls.confirmed;
            log.warn("Imagery source {} failed for {}: {}", source.id(), tenant, e.toString());
            notes.add(source.displayName() + " failed: " + e.getMessage());
            return Optional.empty();
        } finally {
            if (reservation != null && !billed) {
                budgets.release(tenant, reservation.id());
            }
            calls.flush(tenant, source, r.purpose(), r.propertyId());
        }
    }

    /** Whether a source may be asked now: not resting, within Esri's allowance, under its rate. */
    private boolean admit(TenantId tenant, ImagerySource source, List<String> notes) {
        Instant until = resting.get(tenant + ":" + source.id());
        if (until != null && until.isAfter(clock.instant())) {
            notes.add(source.displayName() + " is resting after a refusal until " + until);
            return false;
        }
        if (source instanceof EsriWorldImagery esri && budgets.unitsThisMonth(esri.id()) >= esri.monthlyFreeTiles()) {
            notes.add(source.displayName() + ": the free monthly allowance is used up");
            return false;
        }
        Bucket bucket = rates.computeIfAbsent(source.id(), id -> {
            double rps = settings.rates() != null && settings.rates().containsKey(id) ? settings.rates().get(id)
                    : source.requestsPerSecond();
            long perSecond = Math.max(1, Math.round(rps));
            return Bucket.builder().addLimit(l -> l.capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)))
                    .build();
        });
        try {
            if (!bucket.asBlocking().tryConsume(1, Duration.ofSeconds(2))) {
                notes.add(source.displayName() + " is at its request rate; not asked");
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    private void rest(TenantId tenant, ImagerySource source, ImageryException e, List<String> notes) {
        Duration pause = switch (e.kind()) {
            case DENIED, QUOTA -> Duration.ofMinutes(10);
            case RATE_LIMITED -> Duration.ofMinutes(1);
            case UNAVAILABLE -> Duration.ofSeconds(30);
            case BAD_ANSWER -> Duration.ZERO;
        };
        if (!pause.isZero()) {
            resting.put(tenant + ":" + source.id(), clock.instant().plus(pause));
        }
        log.info("Imagery source {} did not answer for {}: {}", source.id(), tenant, e.getMessage());
        notes.add(source.displayName() + " did not answer: " + e.getMessage());
    }

    /** The calls of one fetch, summed per product and written to the ledger after it. */
    private final class Calls implements Meter {
        private final Map<String, long[]> units = new LinkedHashMap<>();
        private final Map<String, BigDecimal> prices = new LinkedHashMap<>();
        @Nullable UUID reservation;
        @Nullable String pendingConfirm;
        boolean confirmed;

        @Override
        public void call(String product, int count, BigDecimal unitPrice) {
            if (unitPrice.signum() > 0 && reservation != null && !confirmed && count == 1) {
                confirmed = true;
                pendingConfirm = product;
                return;
            }
            units.computeIfAbsent(product, p -> new long[1])[0] += count;
            prices.put(product, unitPrice);
        }

        void flush(TenantId tenant, ImagerySource source, Purpose purpose, @Nullable UUID property) {
            if (pendingConfirm != null && reservation != null) {
                budgets.confirm(tenant, reservation, pendingConfirm);
            }
            units.forEach((product, n) -> budgets.record(tenant, source.id(), product, purpose, (int) n[0],
                    prices.get(product), property));
        }
    }

    /** What to ask the sources for: the building's centre, its size with a margin, and its outline. */
    Optional<ImageRequest> request(PropertyDetails details, Purpose purpose) {
        Property p = details.property();
        Building b = details.buildings().stream().findFirst().orElse(null);
        List<double[]> outline = b == null ? List.of() : outline(b.geometry());
        double lat;
        double lon;
        double extent = 40;
        if (b != null) {
            lat = b.centroidLat();
            lon = b.centroidLon();
            if (!outline.isEmpty()) {
                double minLat = 90, maxLat = -90, minLon = 180, maxLon = -180;
                for (double[] ll : outline) {
                    minLat = Math.min(minLat, ll[0]);
                    maxLat = Math.max(maxLat, ll[0]);
                    minLon = Math.min(minLon, ll[1]);
                    maxLon = Math.max(maxLon, ll[1]);
                }
                double h = TileMath.distance(minLat, lon, maxLat, lon);
                double w = TileMath.distance(lat, minLon, lat, maxLon);
                extent = Math.max(30, Math.min(200, Math.max(h, w) * 1.6));
            }
        } else if (p.located()) {
            lat = p.latitude();
            lon = p.longitude();
        } else {
            return Optional.empty();
        }
        return Optional.of(new ImageRequest(purpose, lat, lon, extent, settings.roofResolution(), settings.maxPixels(),
                outline, null, null, p.id()));
    }

    /** The outer ring of a GeoJSON Polygon or the first polygon of a MultiPolygon, as {lat, lon}. */
    List<double[]> outline(String geometry) {
        try {
            JsonNode g = json.readTree(geometry);
            JsonNode ring = switch (g.path("type").asString("")) {
                case "Polygon" -> g.path("coordinates").path(0);
                case "MultiPolygon" -> g.path("coordinates").path(0).path(0);
                default -> null;
            };
            if (ring == null) {
                return List.of();
            }
            List<double[]> out = new ArrayList<>();
            for (JsonNode pt : ring) {
                out.add(new double[] {pt.path(1).asDouble(), pt.path(0).asDouble()});
            }
            return out;
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}

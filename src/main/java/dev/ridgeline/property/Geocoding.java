package dev.ridgeline.property;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.GeoPoint;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.property.geocoding.Gazetteer;
import dev.ridgeline.property.geocoding.Geocode;
import dev.ridgeline.property.geocoding.GeocodeRequest;
import dev.ridgeline.property.geocoding.GeocodingProvider;

/**
 * The geocoding router, free first. For each address: the company's cache; then its own footprints (rooftop);
 * then the free public sources in order (the US Census geocoder, then Nominatim for single addresses only, as its
 * policy asks); then Google when the company connected it and is under its monthly budget; else the ZIP's
 * centroid, marked approximate. A source that cannot be asked is skipped, not cached; a definite "not found" is
 * cached like an answer. Every external call goes to the usage ledger (in the adapters).
 */
@Service
public class Geocoding {

    private static final Logger log = LoggerFactory.getLogger(Geocoding.class);

    private final List<GeocodingProvider> chain;
    private final Gazetteer gazetteer;
    private final PropertyService properties;
    private final JdbcClient jdbc;
    private final Clock clock;

    Geocoding(List<GeocodingProvider> providers, Gazetteer gazetteer, PropertyService properties, JdbcClient jdbc,
            Clock clock) {
        List<String> order = List.of(Gazetteer.ID, "census", "nominatim", "google");
        this.chain = providers.stream().sorted(java.util.Comparator.comparingInt(p -> {
            int i = order.indexOf(p.id());
            return i < 0 ? order.size() : i;
        })).toList();
        this.gazetteer = gazetteer;
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One address, as a person asks for it (every source may be used, Nominatim included). */
    public Optional<Geocode> geocode(TenantId tenant, GeocodeRequest request) {
        return geocodeAll(tenant, List.of(request), false).get(request.key());
    }

    /**
     * Many addresses. With {@code bulk}, sources whose terms forbid lists (Nominatim) are left out, and sources
     * with a batch endpoint (Census) get the whole list at once.
     */
    public Map<String, Optional<Geocode>> geocodeAll(TenantId tenant, List<GeocodeRequest> requests, boolean bulk) {
        Map<String, Optional<Geocode>> answers = new LinkedHashMap<>();
        List<GeocodeRequest> open = new ArrayList<>();
        for (GeocodeRequest r : requests) {
            Optional<Optional<Geocode>> cached = cached(tenant, r);
            if (cached.isPresent()) {
                answers.put(r.key(), cached.get());
            } else {
                open.add(r);
            }
        }
        Map<String, Boolean> definite = new LinkedHashMap<>();
        boolean unsure = false;
        for (GeocodingProvider p : chain) {
            if (open.isEmpty()) {
                break;
            }
            if ((bulk && !p.bulkAllowed()) || !p.available(tenant)) {
                continue;
            }
            Map<String, Optional<Geocode>> got;
            try {
                got = open.size() == 1 ? Map.of(open.getFirst().key(), p.geocode(tenant, open.getFirst()))
                        : p.geocodeAll(tenant, open);
            } catch (GeocodingProvider.GeocodingException e) {
                log.warn("Geocoder {} could not be asked for {} address(es): {}", p.id(), open.size(), e.getMessage());
                unsure = true;
                continue;
            }
            List<GeocodeRequest> still = new ArrayList<>();
            for (GeocodeRequest r : open) {
                Optional<Geocode> g = got.getOrDefault(r.key(), Optional.empty());
                if (g.isPresent()) {
                    answers.put(r.key(), g);
                    cache(tenant, r, g);
                } else {
                    if (!p.id().equals(Gazetteer.ID)) {
                        definite.put(r.key(), true);
                    }
                    still.add(r);
                }
            }
            open = still;
        }
        for (GeocodeRequest r : open) {
            Optional<Geocode> zip = gazetteer.zipCentroid(r);
            answers.put(r.key(), zip);
            // Remembered only when an outside source said "no match" and none failed to answer; else ask again later.
            if (definite.containsKey(r.key()) && !unsure) {
                cache(tenant, r, zip);
            }
        }
        return answers;
    }

    private Optional<Optional<Geocode>> cached(TenantId tenant, GeocodeRequest r) {
        return jdbc.sql("""
                select found, latitude, longitude, accuracy, matched, provider from property.geocode_cache
                where tenant_id = :t and query_key = :k""")
                .param("t", tenant.value()).param("k", r.cacheKey())
                .query((rs, n) -> rs.getBoolean(1)
                        ? Optional.of(new Geocode(rs.getDouble(2), rs.getDouble(3), Geocode.Accuracy.valueOf(rs.getString(4)),
                                rs.getString(5), rs.getString(6)))
                        : Optional.<Geocode>empty())
                .optional();
    }

    private void cache(TenantId tenant, GeocodeRequest r, Optional<Geocode> g) {
        jdbc.sql("""
                insert into property.geocode_cache (tenant_id, query_key, found, latitude, longitude, accuracy, matched,
                  provider, created_at)
                values (:t, :k, :found, :lat, :lon, :acc, :matched, :provider, :now)
                on conflict (tenant_id, query_key) do update set found = excluded.found, latitude = excluded.latitude,
                  longitude = excluded.longitude, accuracy = excluded.accuracy, matched = excluded.matched,
                  provider = excluded.provider, created_at = excluded.created_at""")
                .param("t", tenant.value()).param("k", r.cacheKey()).param("found", g.isPresent())
                .param("lat", g.map(Geocode::latitude).orElse(null)).param("lon", g.map(Geocode::longitude).orElse(null))
                .param("acc", g.map(x -> x.accuracy().name()).orElse(null))
                .param("matched", g.map(Geocode::matched).orElse(null))
                .param("provider", g.map(Geocode::provider).orElse("none")).param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /** Finds one property on the map now (the page's "Find on the map"); returns it, located or not. */
    public Property locate(Actor actor, UUID propertyId) {
        Property p = properties.get(actor, propertyId);
        if (!p.located()) {
            geocode(actor.tenantId(), request(p)).ifPresent(g -> place(actor.tenantId(), p.id(), g));
        }
        return properties.get(actor, propertyId);
    }

    /** After a contact list comes in: every property still without a location, as one list (no Nominatim). */
    @Async
    @TransactionalEventListener
    void on(ContactsImported event) {
        locateAll(event.tenant(), 50_000);
    }

    /** Locates up to {@code max} unlocated properties of a company; returns how many got a location. */
    public int locateAll(TenantId tenant, int max) {
        List<Property> unlocated = jdbc.sql("""
                select id, address, address_key, unit_key, city, state, postal_code from property.property
                where tenant_id = :t and latitude is null order by created_at limit :max""")
                .param("t", tenant.value()).param("max", max)
                .query((rs, n) -> new Property(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), null, null, null, null,
                        clock.instant()))
                .list();
        if (unlocated.isEmpty()) {
            return 0;
        }
        Map<String, Optional<Geocode>> answers = geocodeAll(tenant, unlocated.stream().map(Geocoding::request).toList(), true);
        int placed = 0;
        for (Property p : unlocated) {
            Optional<Geocode> g = answers.getOrDefault(p.id().toString(), Optional.empty());
            if (g.isPresent() && g.get().accuracy() != Geocode.Accuracy.APPROXIMATE) {
                place(tenant, p.id(), g.get());
                placed++;
            }
        }
        log.info("Located {} of {} properties of {}", placed, unlocated.size(), tenant);
        return placed;
    }

    private static GeocodeRequest request(Property p) {
        return new GeocodeRequest(p.id().toString(), p.address(), p.city(), p.state(), p.postalCode());
    }

    /** A ZIP centroid is not a home's place: only better answers move a property onto the map. */
    private void place(TenantId tenant, UUID property, Geocode g) {
        if (g.accuracy() == Geocode.Accuracy.APPROXIMATE) {
            return;
        }
        GeoPoint at = new GeoPoint(g.latitude(), g.longitude());
        jdbc.sql("""
                update property.property set latitude = :lat, longitude = :lon, h3_r7 = :r7, h3_r8 = :r8, h3_r9 = :r9,
                  location_source = :source, updated_at = :now
                where tenant_id = :t and id = :id and latitude is null""")
                .param("t", tenant.value()).param("id", property).param("lat", at.latitude()).param("lon", at.longitude())
                .param("r7", at.cell(GeoPoint.STORM_RESOLUTION)).param("r8", at.cell(GeoPoint.SEARCH_RESOLUTION))
                .param("r9", at.cell(GeoPoint.PROPERTY_RESOLUTION))
                .param("source", "GEOCODER:" + g.provider() + ":" + g.accuracy().name())
                .param("now", Timestamp.from(clock.instant())).update();
    }
}

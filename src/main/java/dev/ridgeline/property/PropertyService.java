package dev.ridgeline.property;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.Addresses;
import dev.ridgeline.platform.GeoPoint;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.property.internal.PermitHomes;
import dev.ridgeline.property.internal.Properties;
import dev.ridgeline.signals.PermitCategory;
import dev.ridgeline.signals.SignalsService;

/** The property graph for the rest of the app: a home with everything known about it, and homes near a point. */
@Service
public class PropertyService {

    /** How far from a home the property page looks for storm reports, and how far back. */
    static final double STORM_RADIUS_MILES = 5;
    static final int STORM_YEARS = 3;
    /** How far the page looks for the nearest reports on record when none is near and recent. */
    static final double NEAREST_MILES = 100;

    private final Properties properties;
    private final SignalsService signals;
    private final Clock clock;

    private final PermitHomes permitHomes;

    PropertyService(Properties properties, SignalsService signals, Clock clock, PermitHomes permitHomes) {
        this.permitHomes = permitHomes;
        this.properties = properties;
        this.signals = signals;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Property get(Actor actor, UUID id) {
        return properties.find(actor.tenantId(), id).orElseThrow(() -> new NotFoundException("property", id));
    }

    /**
     * A property with its buildings, contacts and consent, the permits filed at its address, and the storm reports
     * within {@value #STORM_RADIUS_MILES} miles in the last {@value #STORM_YEARS} years, nearest first.
     */
    @Transactional(readOnly = true)
    public PropertyDetails details(Actor actor, UUID id) {
        Property p = get(actor, id);
        var permits = signals.permits(actor, (PermitCategory) null, null, null, p.address(), 200);
        var storms = p.located()
                ? signals.stormsNear(actor, new GeoPoint(p.latitude(), p.longitude()), STORM_RADIUS_MILES,
                        LocalDate.now(clock).minusYears(STORM_YEARS), 200)
                : List.<dev.ridgeline.signals.NearbyStorm>of();
        var nearest = p.located() && storms.isEmpty()
                ? signals.stormsNear(actor, new GeoPoint(p.latitude(), p.longitude()), NEAREST_MILES, LocalDate.of(1950, 1, 1), 3)
                : List.<dev.ridgeline.signals.NearbyStorm>of();
        return new PropertyDetails(p, properties.buildings(actor.tenantId(), id), properties.contacts(actor.tenantId(), id),
                permits, storms, STORM_RADIUS_MILES, STORM_YEARS, nearest);
    }

    /** A home's people with their addresses and consent, for work done for the company (sequences). */
    @Transactional(readOnly = true)
    public List<Contact> contacts(TenantId tenant, UUID propertyId) {
        return properties.contacts(tenant, propertyId);
    }

    /** The people of many homes, by home (a home without any is left out): for batches of sequence steps. */
    @Transactional(readOnly = true)
    public java.util.Map<UUID, List<Contact>> contactsOf(TenantId tenant, java.util.Collection<UUID> propertyIds) {
        return properties.contactsOf(tenant, propertyIds);
    }

    /** Many homes by id, for work done for the company (merge fields of a batch of sequence steps). */
    @Transactional(readOnly = true)
    public java.util.Map<UUID, Property> findAll(TenantId tenant, java.util.Collection<UUID> propertyIds) {
        return properties.findAll(tenant, propertyIds);
    }

    /**
     * The storm reports within {@value #STORM_RADIUS_MILES} miles of a home in the last {@value #STORM_YEARS} years,
     * nearest first, as {@link #details} lists them.
     */
    @Transactional(readOnly = true)
    public List<dev.ridgeline.signals.NearbyStorm> recentStorms(Actor actor, Property p) {
        return p.located()
                ? signals.stormsNear(actor, new GeoPoint(p.latitude(), p.longitude()), STORM_RADIUS_MILES,
                        LocalDate.now(clock).minusYears(STORM_YEARS), 200)
                : List.of();
    }

    /** Every property within {@code miles} of a point, nearest first. */
    @Transactional(readOnly = true)
    public List<NearbyProperty> within(Actor actor, GeoPoint point, double miles, int limit) {
        if (!(miles > 0 && miles <= 50)) {
            throw InvalidInputException.of("miles", "must be more than 0 and at most 50");
        }
        return properties.within(actor.tenantId(), point, miles, Math.clamp(limit, 1, 100_000));
    }

    /**
     * Located properties inside a box of at most about 5 x 5 km (the map asks for its view once zoomed in), at most
     * {@code limit} of them.
     */
    @Transactional(readOnly = true)
    public List<Property> inBox(Actor actor, double south, double west, double north, double east, int limit) {
        if (!(south < north && west < east && south >= -90 && north <= 90 && west >= -180 && east <= 180)) {
            throw InvalidInputException.of("bbox", "west,south,east,north in degrees, west < east and south < north");
        }
        if (north - south > 0.05 || east - west > 0.06) {
            throw InvalidInputException.of("bbox", "zoom in: homes are shown for views up to about 5 km across");
        }
        return properties.inBox(actor.tenantId(), south, west, north, east, Math.clamp(limit, 1, 5_000));
    }

    /** Properties by address: the query is normalised like addresses are ("123 Main Street" finds "123 MAIN ST"). */
    @Transactional(readOnly = true)
    public List<Property> search(Actor actor, @Nullable String query, int limit) {
        String key = query == null || query.isBlank() ? null : Addresses.street(query).line();
        return properties.search(actor.tenantId(), key == null || key.isEmpty() ? null : key, Math.clamp(limit, 1, 1_000));
    }

    /**
     * For analysis jobs of other modules (no user behind them): streams a company's located homes, all of them or
     * only those in the given {@link GeoPoint#STORM_RESOLUTION} cells, through a cursor in one read-only transaction.
     */
    @Transactional(readOnly = true)
    public void forEachLocated(TenantId tenant, @Nullable Collection<Long> stormCells, Consumer<PropertyPoint> each) {
        if (stormCells != null && stormCells.isEmpty()) {
            return;
        }
        properties.forEachLocated(tenant, stormCells, each);
    }

    /**
     * Adds the located address of every permit of a company to the property graph (what happens by itself after
     * each permit import in the app; the command line calls this, having no background work); answers how many
     * homes are new.
     */
    public long addHomesFromPermits(TenantId tenant) {
        return permitHomes.addHomes(tenant, null);
    }

    /** For jobs: the companies that have at least one located home. */
    @Transactional(readOnly = true)
    public List<TenantId> companiesWithLocatedHomes() {
        return properties.tenantsWithLocatedHomes();
    }

    @Transactional(readOnly = true)
    public long count(Actor actor) {
        return properties.count(actor.tenantId());
    }
}

package dev.ridgeline.property;

import java.util.List;

import dev.ridgeline.signals.NearbyStorm;
import dev.ridgeline.signals.Permit;

/**
 * Everything the property page shows: the home, its buildings, its people, its permits, the storm reports near it
 * (within {@code stormRadiusMiles} in the last {@code stormYears} years) and, when there are none, the nearest
 * reports on record whatever their distance and age.
 */
public record PropertyDetails(Property property, List<Building> buildings, List<Contact> contacts,
        List<Permit> permits, List<NearbyStorm> storms, double stormRadiusMiles, int stormYears,
        List<NearbyStorm> nearestOnRecord) {
}

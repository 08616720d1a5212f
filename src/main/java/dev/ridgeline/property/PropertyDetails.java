package dev.ridgeline.property;

import java.util.List;

import dev.ridgeline.signals.NearbyStorm;
import dev.ridgeline.signals.Permit;

/** Everything the property page shows: the home, its buildings, its people, its permits and the storms near it. */
public record PropertyDetails(Property property, List<Building> buildings, List<Contact> contacts,
        List<Permit> permits, List<NearbyStorm> storms, double stormRadiusMiles) {
}

/**
 * Geocoding, free first: the SPI every source implements, the request and answer, and the adapters (the local
 * gazetteer, the US Census geocoder, Nominatim, Google). The router in {@link dev.ridgeline.property.Geocoding}
 * decides which to ask.
 */
@NamedInterface("geocoding")
@NullMarked
package dev.ridgeline.property.geocoding;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;

package dev.ridgeline.property.geocoding;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the free geocoders ({@code RIDGELINE_GEOCODING_*}). Google is a per-company connection instead,
 * because it is paid and keyed.
 *
 * @param online whether the app may call geocoders on the internet at all (off: the local gazetteer only)
 * @param censusUrl base URL of the US Census geocoder
 * @param nominatimUrl base URL of Nominatim (OpenStreetMap's, or your own)
 * @param nominatimEnabled whether to ask Nominatim (one request a second for the whole app, never for lists)
 * @param contactEmail a contact address sent to Nominatim with each request, as its policy asks
 * @param googleUrl base URL of Google's Geocoding API
 * @param googlePerMinute Google's per-minute request limit for one key (its documented 3,000)
 * @param timeout how long to wait for a geocoder (the Census batch gets ten times this)
 */
@ConfigurationProperties("ridgeline.geocoding")
public record GeocodingProperties(
        @DefaultValue("true") boolean online,
        @DefaultValue("https://geocoding.geo.census.gov") String censusUrl,
        @DefaultValue("https://nominatim.openstreetmap.org") String nominatimUrl,
        @DefaultValue("true") boolean nominatimEnabled,
        @Nullable String contactEmail,
        @DefaultValue("https://maps.googleapis.com") String googleUrl,
        @DefaultValue("3000") int googlePerMinute,
        @DefaultValue("20s") Duration timeout) {
}

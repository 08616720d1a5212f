package dev.ridgeline.imagery;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Imagery settings of the installation ({@code RIDGELINE_IMAGERY_*}); keyed and paid sources (Google, Mapillary)
 * are per-company connections instead.
 *
 * @param online whether the app may call imagery services on the internet at all (off: the sandbox only)
 * @param sandbox whether made-up images (clearly marked) stand in when no real source has one: on for a fresh
 *     install and the demo, off in production
 * @param osmTileUrl OpenStreetMap's tile URL template, or your own tile server's (the OSM policy forbids bulk use)
 * @param esriEnabled whether to use Esri World Imagery; its terms ask for an ArcGIS account for commercial use
 * @param esriUrl Esri World Imagery's MapServer root
 * @param esriFreeTransactions Esri's free monthly allowance in transactions (8 tiles each); counted, and the source
 *     stops for the month when it is used up
 * @param naipEnabled whether to use USDA NAIP aerial imagery from the USGS National Map (public domain)
 * @param naipUrl the NAIP ImageServer root
 * @param mapillaryUrl Mapillary's Graph API root
 * @param googleUrl Google Maps Platform's root
 * @param timeout how long to wait for a source
 * @param roofResolution metres a pixel wanted for an aerial roof crop
 * @param maxPixels the longest side of a stored image
 * @param storage where images are kept: a folder, or an S3-compatible bucket when {@code s3.bucket} is set
 * @param s3 the S3-compatible store
 * @param defaultMonthlyBudget the overall monthly imagery budget of a company that set none, in dollars
 * @param rates requests a second per source id, replacing a source's own limit (e.g. for your own tile server)
 */
@ConfigurationProperties("ridgeline.imagery")
public record ImageryProperties(
        @DefaultValue("true") boolean online,
        @DefaultValue("true") boolean sandbox,
        @DefaultValue("https://tile.openstreetmap.org/{z}/{x}/{y}.png") String osmTileUrl,
        @DefaultValue("false") boolean esriEnabled,
        @DefaultValue("https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer") String esriUrl,
        @DefaultValue("1000000") long esriFreeTransactions,
        @DefaultValue("true") boolean naipEnabled,
        @DefaultValue("https://imagery.nationalmap.gov/arcgis/rest/services/USGSNAIPImagery/ImageServer") String naipUrl,
        @DefaultValue("https://graph.mapillary.com") String mapillaryUrl,
        @DefaultValue("https://maps.googleapis.com") String googleUrl,
        @DefaultValue("20s") Duration timeout,
        @DefaultValue("0.15") double roofResolution,
        @DefaultValue("800") int maxPixels,
        @Nullable Path storage,
        @DefaultValue S3 s3,
        @DefaultValue("25") BigDecimal defaultMonthlyBudget,
        java.util.@Nullable Map<String, Double> rates) {

    /**
     * @param endpoint the S3-compatible endpoint, e.g. {@code https://s3.us-east-1.amazonaws.com} or a MinIO URL
     * @param region the signing region
     * @param bucket the bucket; empty keeps images on disk
     * @param accessKey the access key id
     * @param secretKey the secret key
     */
    public record S3(@Nullable String endpoint, @DefaultValue("us-east-1") String region, @Nullable String bucket,
            @Nullable String accessKey, @Nullable String secretKey) {

        public boolean configured() {
            return bucket != null && !bucket.isBlank() && endpoint != null && !endpoint.isBlank();
        }

        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", accessKey=" + accessKey
                    + ", secretKey=" + (secretKey == null ? "" : "****") + "]";
        }
    }
}

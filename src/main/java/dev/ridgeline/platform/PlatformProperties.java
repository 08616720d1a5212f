package dev.ridgeline.platform;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Installation-wide settings. Every field can be set by environment variable, e.g. {@code RIDGELINE_HOME},
 * {@code RIDGELINE_DB_URL}, {@code RIDGELINE_MASTER_KEY}.
 *
 * @param home the data folder: embedded database, master key file, logs (default {@code ~/.ridgeline})
 * @param db where the database is; empty url means the embedded PostgreSQL in {@code home}
 * @param masterKey base64 of 32 random bytes that seals the data keyset; when empty a key file is created in
 *     {@code home} on first start (mode 0600)
 * @param publicUrl the address users reach the app at, used in emailed links (default http://localhost:8080)
 * @param mapTileUrl the raster tile URL template for maps: the app's own caching tile proxy by default (OpenStreetMap
 *     behind it, see {@code ridgeline.imagery.osm-tile-url}); any tile server can replace it without a release
 * @param mapAttribution the attribution shown on every map, as required by the tile provider
 */
@ConfigurationProperties("ridgeline")
public record PlatformProperties(
        Path home,
        @DefaultValue Db db,
        @Nullable String masterKey,
        @DefaultValue("http://localhost:8080") String publicUrl,
        @DefaultValue("/imagery/tiles/{z}/{x}/{y}.png") String mapTileUrl,
        @DefaultValue("&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors")
        String mapAttribution) {

    /**
     * @param url JDBC URL of an external PostgreSQL 14+; empty for the embedded server
     * @param username user for the external server
     * @param password password for the external server
     * @param embeddedPort fixed port of the embedded server, so a second process (the CLI) can reuse it
     * @param embeddedStartTimeout how long to wait for the embedded server to accept connections
     */
    public record Db(
            @Nullable String url,
            @Nullable String username,
            @Nullable String password,
            @DefaultValue("54329") int embeddedPort,
            @DefaultValue("60s") Duration embeddedStartTimeout) {

        public boolean external() {
            return url != null && !url.isBlank();
        }

        @Override
        public String toString() {
            return "Db[url=" + url + ", username=" + username + ", password=" + (password == null ? "" : "****")
                    + ", embeddedPort=" + embeddedPort + "]";
        }
    }

    @Override
    public String toString() {
        return "PlatformProperties[home=" + home + ", db=" + db + ", masterKey=" + (masterKey == null ? "" : "****")
                + ", publicUrl=" + publicUrl + "]";
    }
}

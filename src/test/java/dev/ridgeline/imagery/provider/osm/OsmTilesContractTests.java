package dev.ridgeline.imagery.provider.osm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.ridgeline.imagery.ImageryException;
import dev.ridgeline.imagery.TestImagery;
import dev.ridgeline.platform.TenantId;

/** OpenStreetMap tiles: the URL template, the identifying User-Agent, caching headers, and refusals. */
class OsmTilesContractTests {

    static final WireMockServer wire = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static {
        wire.start();
    }

    @AfterAll
    static void stop() {
        wire.stop();
    }

    OsmTiles osm = new OsmTiles(TestImagery.settings(wire.baseUrl()), TestImagery.http());
    TenantId tenant = new TenantId(java.util.UUID.randomUUID());

    @BeforeEach
    void reset() {
        wire.resetAll();
    }

    @Test
    void aTileWithItsCachingAndTheAppsUserAgent() {
        wire.stubFor(get(urlEqualTo("/osm/16/16969/25698.png")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png").withHeader("Cache-Control", "max-age=1209600")
                .withBody(TestImagery.png(256, 256))));
        var meter = new TestImagery.Recorded();
        var tile = osm.tile(tenant, 16, 16969, 25698, meter).orElseThrow();
        assertThat(tile.contentType()).isEqualTo("image/png");
        assertThat(tile.maxAge()).isEqualTo(Duration.ofDays(14));
        assertThat(meter.calls).containsExactly("tile x1 @0");
        wire.verify(getRequestedFor(urlEqualTo("/osm/16/16969/25698.png"))
                .withHeader("User-Agent", matching("Ridgeline/.+ \\(\\+http.+\\)")));
    }

    @Test
    void aShortCacheHeaderStillKeepsTheTileAWeek() {
        wire.stubFor(get(urlEqualTo("/osm/3/1/2.png")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png").withHeader("Cache-Control", "max-age=60")
                .withBody(TestImagery.png(256, 256))));
        assertThat(osm.tile(tenant, 3, 1, 2, new TestImagery.Recorded())
                .orElseThrow().maxAge()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void missingTilesAndRefusals() {
        wire.stubFor(get(urlEqualTo("/osm/5/1/1.png")).willReturn(aResponse().withStatus(404)));
        wire.stubFor(get(urlEqualTo("/osm/5/1/2.png")).willReturn(aResponse().withStatus(429)));
        wire.stubFor(get(urlEqualTo("/osm/5/1/3.png")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "text/plain").withBody("Access blocked: see the tile usage policy")));
        wire.stubFor(get(urlEqualTo("/osm/5/1/4.png")).willReturn(aResponse().withStatus(503)));
        var meter = new TestImagery.Recorded();
        assertThat(osm.tile(tenant, 5, 1, 1, meter)).isEmpty();
        assertThatThrownBy(() -> osm.tile(tenant, 5, 1, 2, meter)).isInstanceOf(ImageryException.class)
                .extracting(e -> ((ImageryException) e).kind()).isEqualTo(ImageryException.Kind.RATE_LIMITED);
        assertThatThrownBy(() -> osm.tile(tenant, 5, 1, 3, meter)).hasMessageContaining("tile usage policy")
                .extracting(e -> ((ImageryException) e).kind()).isEqualTo(ImageryException.Kind.DENIED);
        assertThatThrownBy(() -> osm.tile(tenant, 5, 1, 4, meter))
                .extracting(e -> ((ImageryException) e).kind()).isEqualTo(ImageryException.Kind.UNAVAILABLE);
    }
}

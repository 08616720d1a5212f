package dev.ridgeline.imagery.provider.esri;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.ridgeline.imagery.ImageryException;
import dev.ridgeline.imagery.TestImagery;
import dev.ridgeline.imagery.TileMath;
import dev.ridgeline.platform.TenantId;

/** Esri World Imagery: tiles asked row before column with blankTile=false, stitched, counted; refusals. */
class EsriWorldImageryContractTests {

    static final WireMockServer wire = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static {
        wire.start();
    }

    @AfterAll
    static void stop() {
        wire.stop();
    }

    EsriWorldImagery esri = new EsriWorldImagery(TestImagery.settings(wire.baseUrl()), TestImagery.http());
    TenantId tenant = new TenantId(java.util.UUID.randomUUID());

    @BeforeEach
    void reset() {
        wire.resetAll();
    }

    @Test
    void aRoofCropIsStitchedFromTheTilesAroundTheBuilding() {
        wire.stubFor(get(urlMatching("/esri/World_Imagery/MapServer/tile/\\d+/\\d+/\\d+\\?blankTile=false"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "image/jpeg")
                        .withBody(TestImagery.png(256, 256))));
        var meter = new TestImagery.Recorded();
        var request = TestImagery.roof();
        var image = esri.fetch(tenant, request, meter).orElseThrow();
        int zoom = TileMath.zoomFor(request.latitude(), request.extentMetres() / request.cropPixels(), 19);
        TileMath.Tile centre = TileMath.tileOf(request.latitude(), request.longitude(), zoom);
        // Row (y) before column (x) in the path.
        wire.verify(getRequestedFor(urlMatching("/esri/World_Imagery/MapServer/tile/" + zoom + "/" + centre.y() + "/"
                + centre.x() + "\\?blankTile=false")));
        assertThat(image.width()).isEqualTo(request.cropPixels());
        assertThat(image.contentType()).isEqualTo("image/jpeg");
        assertThat(image.attribution()).contains("Esri");
        assertThat(image.resolutionMetres()).isBetween(0.1, 0.3);
        assertThat(image.capturedOn()).isNull();
        assertThat(meter.units).isEqualTo(wire.getAllServeEvents().size()).isBetween(1L, 16L);
        assertThat(meter.cost.signum()).isZero();
    }

    @Test
    void noTileIsNoCoverageAndDatedRequestsAreNotServed() {
        wire.stubFor(get(urlMatching("/esri/.*")).willReturn(aResponse().withStatus(404)));
        assertThat(esri.fetch(tenant, TestImagery.roof(), new TestImagery.Recorded())).isEmpty();
        assertThat(esri.fetch(tenant, TestImagery.roof().before(LocalDate.of(2024, 4, 25)), new TestImagery.Recorded()))
                .isEmpty();
    }

    @Test
    void refusalsSayWhat() {
        wire.stubFor(get(urlMatching("/esri/.*")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"code\":403,\"message\":\"Token Required\"}}")));
        assertThatThrownBy(() -> esri.fetch(tenant, TestImagery.roof(), new TestImagery.Recorded()))
                .hasMessageContaining("Token Required")
                .extracting(e -> ((ImageryException) e).kind()).isEqualTo(ImageryException.Kind.DENIED);
        wire.resetAll();
        wire.stubFor(get(urlMatching("/esri/.*")).willReturn(aResponse().withStatus(429)));
        assertThatThrownBy(() -> esri.fetch(tenant, TestImagery.roof(), new TestImagery.Recorded()))
                .extracting(e -> ((ImageryException) e).kind()).isEqualTo(ImageryException.Kind.RATE_LIMITED);
        wire.resetAll();
        wire.stubFor(get(urlMatching("/esri/.*")).willReturn(aResponse().withStatus(500)));
        assertThatThrownBy(() -> esri.fetch(tenant, TestImagery.roof(), new TestImagery.Recorded()))
                .extracting(e -> ((ImageryException) e).kind()).isEqualTo(ImageryException.Kind.UNAVAILABLE);
        wire.resetAll();
        wire.stubFor(get(urlMatching("/esri/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html>maintenance</html>")));
        assertThatThrownBy(() -> esri.fetch(tenant, TestImagery.roof(), new TestImagery.Recorded()))
                .hasMessageContaining("not an image")
                .extracting(e -> ((ImageryException) e).kind()).isEqualTo(ImageryException.Kind.BAD_ANSWER);
    }
}

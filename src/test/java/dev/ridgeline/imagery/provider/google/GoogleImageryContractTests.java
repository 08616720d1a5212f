package dev.ridgeline.imagery.provider.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.connections.SecretValue;
import dev.ridgeline.imagery.ImageryException;
import dev.ridgeline.imagery.TestImagery;
import dev.ridgeline.imagery.TileMath;
import dev.ridgeline.platform.TenantId;

/**
 * Google Street View Static and Maps Static against the documented shapes (PROVIDERS.md 8.1, 8.2, 8.4): metadata
 * first and an image only when a panorama exists, the heading from the panorama to the house, signed URLs, the
 * status words and HTTP errors.
 */
class GoogleImageryContractTests {

    static final WireMockServer wire = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static {
        wire.start();
    }

    @AfterAll
    static void stop() {
        wire.stop();
    }

    static final String SECRET = "vNIXE0xscrmjlyV-12Nj_BvUPaw=";
    GoogleMaps google = new GoogleMaps(TestImagery.settings(wire.baseUrl()), TestImagery.http(), null);
    GoogleStreetView streetView = new GoogleStreetView(google);
    GoogleStaticSatellite satellite = new GoogleStaticSatellite(google);
    TenantId tenant = new TenantId(UUID.randomUUID());
    ProviderAccount account = new ProviderAccount(tenant, UUID.randomUUID(), GoogleMaps.PROVIDER, Map.of(),
            name -> switch (name) {
                case "apiKey" -> Optional.of(new SecretValue("AIza-test-key"));
                case "signingSecret" -> Optional.of(new SecretValue(SECRET));
                default -> Optional.empty();
            });

    /** The pano 20 m south-west of the house. */
    static final double[] PANO = TileMath.offset(36.1627, -86.7816, 225, 20);

    @BeforeEach
    void reset() {
        wire.resetAll();
    }

    void metadata(String body) {
        wire.stubFor(get(urlPathEqualTo("/google/maps/api/streetview/metadata")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void metadataFirstThenTheImageTurnedToTheHouseAndSigned() {
        metadata("""
                {"copyright":"© Google","date":"2024-06","location":{"lat":%s,"lng":%s},"pano_id":"CAoSLEFGMVFpcE","status":"OK"}"""
                .formatted(PANO[0], PANO[1]));
        wire.stubFor(get(urlPathEqualTo("/google/maps/api/streetview")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withBody(TestImagery.png(640, 400))));
        var meter = new TestImagery.Recorded();
        var image = streetView.fetch(account, TestImagery.street(), meter).orElseThrow();
        assertThat(image.heading()).isCloseTo(45.0, org.assertj.core.data.Offset.offset(0.2));
        assertThat(image.capturedOn()).isEqualTo(LocalDate.of(2024, 6, 1));
        assertThat(image.capturePrecision()).isEqualTo("MONTH");
        assertThat(image.attribution()).isEqualTo("© Google");
        assertThat(meter.calls).containsExactly("streetview-metadata x1 @0", "streetview-static x1 @0.007");
        assertThat(meter.cost).isEqualByComparingTo("0.007");
        wire.verify(getRequestedFor(urlPathEqualTo("/google/maps/api/streetview/metadata"))
                .withQueryParam("location", equalTo("36.162700,-86.781600")).withQueryParam("source", equalTo("outdoor"))
                .withQueryParam("key", equalTo("AIza-test-key")).withQueryParam("signature", matching("[A-Za-z0-9_=-]{28}")));
        wire.verify(getRequestedFor(urlPathEqualTo("/google/maps/api/streetview")).withQueryParam("pano", equalTo("CAoSLEFGMVFpcE"))
                .withQueryParam("heading", matching("4[45]\\.\\d")).withQueryParam("return_error_code", equalTo("true"))
                .withQueryParam("size", equalTo("640x400")));
        // The signature is over the path and query as sent, under the URL-safe secret.
        var sent = wire.findAll(getRequestedFor(urlPathEqualTo("/google/maps/api/streetview"))).getFirst();
        String url = sent.getUrl();
        String unsigned = url.substring(0, url.indexOf("&signature="));
        String signature = url.substring(url.indexOf("&signature=") + 11);
        assertThat(new UrlSigner(SECRET).signature(unsigned)).isEqualTo(signature);
        assertThat(URI.create(url).getRawQuery()).contains("key=AIza-test-key");
    }

    @Test
    void noPanoramaMeansNoPaidImage() {
        metadata("{\"status\":\"ZERO_RESULTS\"}");
        var meter = new TestImagery.Recorded();
        assertThat(streetView.fetch(account, TestImagery.street(), meter)).isEmpty();
        assertThat(meter.cost.signum()).isZero();
        wire.verify(0, getRequestedFor(urlPathEqualTo("/google/maps/api/streetview")));
        metadata("{\"status\":\"NOT_FOUND\"}");
        assertThat(streetView.fetch(account, TestImagery.street(), meter)).isEmpty();
    }

    @Test
    void aPanoramaAfterTheStormIsNoBeforeView() {
        metadata("""
                {"date":"2025-03","location":{"lat":%s,"lng":%s},"pano_id":"P","status":"OK"}""".formatted(PANO[0], PANO[1]));
        assertThat(streetView.fetch(account, TestImagery.street().before(LocalDate.of(2024, 4, 25)),
                new TestImagery.Recorded())).isEmpty();
        wire.verify(0, getRequestedFor(urlPathEqualTo("/google/maps/api/streetview")));
    }

    @Test
    void statusWordsAndHttpErrors() {
        metadata("{\"status\":\"OVER_QUERY_LIMIT\",\"error_message\":\"You have exceeded your daily request quota.\"}");
        assertThatThrownBy(() -> streetView.fetch(account, TestImagery.street(), new TestImagery.Recorded()))
                .hasMessageContaining("daily request quota")
                .extracting(e -> ((ImageryException) e).kind()).isEqualTo(ImageryException.Kind.QUOTA);
        metadata("{\"status\":\"REQUEST_DENIED\",\"error_message\":\"The provided API key is invalid.\"}");
        assertThatThrownBy(() -> streetView.fetch(account, TestImagery.street(), new TestImagery.Recorded()))
                .extracting(e -> ((ImageryException) e).kind()).isEqualTo(ImageryException.Kind.DENIED);
        metadata("""
                {"date":"2024-06","location":{"lat":%s,"lng":%s},"pano_id":"P","status":"OK"}""".formatted(PANO[0], PANO[1]));
        wire.stubFor(get(urlPathEqualTo("/google/maps/api/streetview")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "text/plain").withBody("The Google Maps Platform server rejected your request.")));
        var meter = new TestImagery.Recorded();
        assertThatThrownBy(() -> streetView.fetch(account, TestImagery.street(), meter))
                .extracting(e -> ((ImageryException) e).kind()).isEqualTo(ImageryException.Kind.DENIED);
        assertThat(meter.cost.signum()).as("a refused image is not billed").isZero();
        wire.stubFor(get(urlPathEqualTo("/google/maps/api/streetview")).willReturn(aResponse().withStatus(429)));
        assertThatThrownBy(() -> streetView.fetch(account, TestImagery.street(), new TestImagery.Recorded()))
                .extracting(e -> ((ImageryException) e).kind()).isEqualTo(ImageryException.Kind.RATE_LIMITED);
        wire.stubFor(get(urlPathEqualTo("/google/maps/api/streetview")).willReturn(aResponse().withStatus(404)));
        assertThat(streetView.fetch(account, TestImagery.street(), new TestImagery.Recorded())).isEmpty();
        wire.stubFor(get(urlPathEqualTo("/google/maps/api/streetview/metadata")).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> streetView.fetch(account, TestImagery.street(), new TestImagery.Recorded()))
                .extracting(e -> ((ImageryException) e).kind()).isEqualTo(ImageryException.Kind.UNAVAILABLE);
    }

    @Test
    void aSatelliteImageHoldsTheRoofAtScaleTwo() {
        wire.stubFor(get(urlPathEqualTo("/google/maps/api/staticmap")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png").withBody(TestImagery.png(640, 640))));
        var meter = new TestImagery.Recorded();
        var image = satellite.fetch(tenantAccount(), TestImagery.roof(), meter);
        assertThat(image).isPresent();
        assertThat(meter.cost).isEqualByComparingTo(new BigDecimal("0.002"));
        wire.verify(getRequestedFor(urlPathEqualTo("/google/maps/api/staticmap")).withQueryParam("maptype", equalTo("satellite"))
                .withQueryParam("scale", equalTo("2")).withQueryParam("zoom", equalTo("20"))
                .withQueryParam("center", equalTo("36.162700,-86.781600")).withQueryParam("signature", matching(".+")));
        assertThat(image.get().resolutionMetres()).isCloseTo(TileMath.groundResolution(36.1627, 20) / 2,
                org.assertj.core.data.Offset.offset(1e-9));
        wire.stubFor(get(urlPathEqualTo("/google/maps/api/staticmap")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "text/plain").withBody("This API project is not authorized to use this API.")));
        assertThatThrownBy(() -> satellite.fetch(tenantAccount(), TestImagery.roof(), new TestImagery.Recorded()))
                .hasMessageContaining("not authorized")
                .extracting(e -> ((ImageryException) e).kind()).isEqualTo(ImageryException.Kind.DENIED);
        wire.stubFor(get(urlPathEqualTo("/google/maps/api/staticmap")).willReturn(aResponse().withStatus(429)));
        assertThatThrownBy(() -> satellite.fetch(tenantAccount(), TestImagery.roof(), new TestImagery.Recorded()))
                .extracting(e -> ((ImageryException) e).kind()).isEqualTo(ImageryException.Kind.RATE_LIMITED);
        wire.stubFor(get(urlPathEqualTo("/google/maps/api/staticmap")).willReturn(aResponse().withStatus(500)));
        assertThatThrownBy(() -> satellite.fetch(tenantAccount(), TestImagery.roof(), new TestImagery.Recorded()))
                .extracting(e -> ((ImageryException) e).kind()).isEqualTo(ImageryException.Kind.UNAVAILABLE);
    }

    ProviderAccount tenantAccount() {
        return account;
    }
}

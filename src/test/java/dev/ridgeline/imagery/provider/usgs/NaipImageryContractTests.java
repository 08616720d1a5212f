package dev.ridgeline.imagery.provider.usgs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.ridgeline.imagery.ImageryException;
import dev.ridgeline.imagery.TestImagery;
import dev.ridgeline.platform.TenantId;

/** NAIP: the catalog's flights and dates, exportImage in Web Mercator, locked to a flight for before/after. */
class NaipImageryContractTests {

    static final WireMockServer wire = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static {
        wire.start();
    }

    @AfterAll
    static void stop() {
        wire.stop();
    }

    NaipImagery naip = new NaipImagery(TestImagery.settings(wire.baseUrl()), TestImagery.http());
    TenantId tenant = new TenantId(java.util.UUID.randomUUID());

    static long ms(int y, int m, int d) {
        return LocalDate.of(y, m, d).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    @BeforeEach
    void reset() {
        wire.resetAll();
        wire.stubFor(get(urlPathEqualTo("/naip/ImageServer/query")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"features":[{"attributes":{"OBJECTID":11,"AcquisitionDate":%d}},
                                     {"attributes":{"OBJECTID":12,"AcquisitionDate":%d}},
                                     {"attributes":{"OBJECTID":13,"AcquisitionDate":%d}}]}"""
                        .formatted(ms(2021, 6, 3), ms(2023, 5, 28), ms(2025, 6, 9)))));
        wire.stubFor(get(urlPathEqualTo("/naip/ImageServer/exportImage")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withBody(TestImagery.png(267, 267))));
    }

    @Test
    void theLatestFlightWithItsDateInWebMercator() {
        var meter = new TestImagery.Recorded();
        var image = naip.fetch(tenant, TestImagery.roof(), meter).orElseThrow();
        assertThat(image.capturedOn()).isEqualTo(LocalDate.of(2025, 6, 9));
        assertThat(image.resolutionMetres()).isEqualTo(0.6);
        assertThat(image.licence()).contains("public domain");
        wire.verify(getRequestedFor(urlPathEqualTo("/naip/ImageServer/query"))
                .withQueryParam("geometry", equalTo("-86.781600,36.162700")).withQueryParam("inSR", equalTo("4326"))
                .withQueryParam("f", equalTo("json")));
        wire.verify(getRequestedFor(urlPathEqualTo("/naip/ImageServer/exportImage"))
                .withQueryParam("bboxSR", equalTo("3857")).withQueryParam("imageSR", equalTo("3857"))
                .withQueryParam("size", equalTo("267,267")).withQueryParam("bandIds", equalTo("0,1,2"))
                .withQueryParam("f", equalTo("image")));
        assertThat(meter.calls).containsExactly("catalog-query x1 @0", "export-image x1 @0");
    }

    @Test
    void beforeAndAfterAStormLockTheFlightOnEachSide() {
        var before = naip.fetch(tenant, TestImagery.roof().before(LocalDate.of(2024, 4, 25)), new TestImagery.Recorded())
                .orElseThrow();
        assertThat(before.capturedOn()).isEqualTo(LocalDate.of(2023, 5, 28));
        wire.verify(getRequestedFor(urlPathEqualTo("/naip/ImageServer/exportImage"))
                .withQueryParam("mosaicRule", containing("\"lockRasterIds\":[12]")));
        var after = naip.fetch(tenant, TestImagery.roof().after(LocalDate.of(2024, 4, 26)), new TestImagery.Recorded())
                .orElseThrow();
        assertThat(after.capturedOn()).isEqualTo(LocalDate.of(2025, 6, 9));
        assertThat(naip.fetch(tenant, TestImagery.roof().before(LocalDate.of(2020, 1, 1)), new TestImagery.Recorded()))
                .isEmpty();
    }

    @Test
    void aFlatAnswerIsNoCoverage() {
        wire.stubFor(get(urlPathEqualTo("/naip/ImageServer/exportImage")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png").withBody(TestImagery.flatPng(267, 267))));
        assertThat(naip.fetch(tenant, TestImagery.roof(), new TestImagery.Recorded())).isEmpty();
    }

    @Test
    void errorsInsideA200AndHttpErrors() {
        wire.stubFor(get(urlPathEqualTo("/naip/ImageServer/query")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":498,\"message\":\"Invalid token.\"}}")));
        assertThatThrownBy(() -> naip.fetch(tenant, TestImagery.roof(), new TestImagery.Recorded()))
                .hasMessageContaining("Invalid token");
        wire.stubFor(get(urlPathEqualTo("/naip/ImageServer/query")).willReturn(aResponse().withStatus(403)));
        assertThatThrownBy(() -> naip.fetch(tenant, TestImagery.roof(), new TestImagery.Recorded()))
                .extracting(e -> ((ImageryException) e).kind()).isEqualTo(ImageryException.Kind.DENIED);
        wire.stubFor(get(urlPathEqualTo("/naip/ImageServer/query")).willReturn(aResponse().withStatus(429)));
        assertThatThrownBy(() -> naip.fetch(tenant, TestImagery.roof(), new TestImagery.Recorded()))
                .extracting(e -> ((ImageryException) e).kind()).isEqualTo(ImageryException.Kind.RATE_LIMITED);
        wire.stubFor(get(urlPathEqualTo("/naip/ImageServer/query")).willReturn(aResponse().withStatus(502)));
        assertThatThrownBy(() -> naip.fetch(tenant, TestImagery.roof(), new TestImagery.Recorded()))
                .extracting(e -> ((ImageryException) e).kind()).isEqualTo(ImageryException.Kind.UNAVAILABLE);
    }

    @Test
    void datesInTheShapesCatalogsUse() {
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        assertThat(NaipImagery.date(json.readTree("20230528"))).isEqualTo(LocalDate.of(2023, 5, 28));
        assertThat(NaipImagery.date(json.readTree("\"2023-05-28T00:00:00Z\""))).isEqualTo(LocalDate.of(2023, 5, 28));
        assertThat(NaipImagery.date(json.readTree(Long.toString(ms(2023, 5, 28))))).isEqualTo(LocalDate.of(2023, 5, 28));
        assertThat(NaipImagery.date(json.readTree("\"soon\""))).isNull();
    }
}

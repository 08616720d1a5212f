package dev.ridgeline.imagery.provider.mapillary;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.ridgeline.imagery.ImageryException;
import dev.ridgeline.imagery.TestImagery;
import dev.ridgeline.imagery.TileMath;

/**
 * Mapillary API v4: the box search around the house with the documented fields, the choice of the photo that looks
 * at the house, dates for before and after, and refusals.
 */
class MapillaryStreetContractTests {

    static final WireMockServer wire = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static {
        wire.start();
    }

    @AfterAll
    static void stop() {
        wire.stop();
    }

    MapillaryStreet mapillary = new MapillaryStreet(TestImagery.settings(wire.baseUrl()), TestImagery.http(), null);
    static final String TOKEN = "MLY|4242|abcdef";

    /** An image taken {@code metres} from the house on {@code bearingFromHouse}, looking {@code compass}. */
    static String image(String id, double bearingFromHouse, double metres, double compass, LocalDate day) {
        double[] at = TileMath.offset(36.1627, -86.7816, bearingFromHouse, metres);
        return String.format(Locale.ROOT, """
                {"id":"%s","captured_at":%d,"compass_angle":%.1f,"is_pano":false,
                 "computed_geometry":{"type":"Point","coordinates":[%.7f,%.7f]},
                 "thumb_1024_url":"%s/cdn/%s.jpg"}""", id,
                day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(), compass, at[1], at[0], wire.baseUrl(), id);
    }

    @BeforeEach
    void reset() {
        wire.resetAll();
        // South of the house, 25 m away: looking north (at it) and looking south (away); an older one looking at it.
        wire.stubFor(get(urlPathEqualTo("/mapillary/images")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"data\":[" + String.join(",",
                        image("away", 180, 25, 180, LocalDate.of(2025, 8, 1)),
                        image("facing", 185, 25, 3, LocalDate.of(2025, 7, 2)),
                        image("older", 175, 30, 357, LocalDate.of(2022, 9, 14))) + "]}")));
        wire.stubFor(get(urlPathEqualTo("/cdn/facing.jpg")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withBody(TestImagery.png(1024, 768))));
        wire.stubFor(get(urlPathEqualTo("/cdn/older.jpg")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withBody(TestImagery.png(1024, 768))));
    }

    @Test
    void thePhotoThatLooksAtTheHouse() {
        var meter = new TestImagery.Recorded();
        var image = mapillary.fetch(TOKEN, TestImagery.street(), meter).orElseThrow();
        assertThat(image.sourceRef()).isEqualTo("facing");
        assertThat(image.capturedOn()).isEqualTo(LocalDate.of(2025, 7, 2));
        assertThat(image.heading()).isEqualTo(3.0);
        assertThat(image.attribution()).contains("Mapillary").contains("CC BY-SA");
        assertThat(meter.calls).containsExactly("images-search x1 @0", "thumbnail x1 @0");
        wire.verify(getRequestedFor(urlPathEqualTo("/mapillary/images")).withQueryParam("access_token", equalTo(TOKEN))
                .withQueryParam("fields", matching(".*captured_at.*compass_angle.*thumb_1024_url.*"))
                .withQueryParam("bbox", matching("-86\\.78\\d+,36\\.16\\d+,-86\\.78\\d+,36\\.16\\d+")));
    }

    @Test
    void beforeAStormTheOlderPhoto() {
        var image = mapillary.fetch(TOKEN, TestImagery.street().before(LocalDate.of(2024, 4, 25)),
                new TestImagery.Recorded()).orElseThrow();
        assertThat(image.sourceRef()).isEqualTo("older");
        assertThat(mapillary.fetch(TOKEN, TestImagery.street().before(LocalDate.of(2020, 1, 1)), new TestImagery.Recorded()))
                .isEmpty();
    }

    @Test
    void noPhotosAndRefusals() {
        wire.stubFor(get(urlPathEqualTo("/mapillary/images")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"data\":[]}")));
        assertThat(mapillary.fetch(TOKEN, TestImagery.street(), new TestImagery.Recorded())).isEmpty();
        wire.stubFor(get(urlPathEqualTo("/mapillary/images")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Invalid OAuth access token.\",\"type\":\"OAuthException\",\"code\":190}}")));
        assertThatThrownBy(() -> mapillary.fetch(TOKEN, TestImagery.street(), new TestImagery.Recorded()))
                .hasMessageContaining("Invalid OAuth access token")
                .extracting(e -> ((ImageryException) e).kind()).isEqualTo(ImageryException.Kind.DENIED);
        wire.stubFor(get(urlPathEqualTo("/mapillary/images")).willReturn(aResponse().withStatus(429)));
        assertThatThrownBy(() -> mapillary.fetch(TOKEN, TestImagery.street(), new TestImagery.Recorded()))
                .extracting(e -> ((ImageryException) e).kind()).isEqualTo(ImageryException.Kind.RATE_LIMITED);
        wire.stubFor(get(urlPathEqualTo("/mapillary/images")).willReturn(aResponse().withStatus(500)));
        assertThatThrownBy(() -> mapillary.fetch(TOKEN, TestImagery.street(), new TestImagery.Recorded()))
                .extracting(e -> ((ImageryException) e).kind()).isEqualTo(ImageryException.Kind.UNAVAILABLE);
    }
}

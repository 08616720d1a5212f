package dev.ridgeline.imagery.provider.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import dev.ridgeline.imagery.TestImagery;
import dev.ridgeline.imagery.TileMath;
import dev.ridgeline.imagery.internal.Images;
import dev.ridgeline.platform.TenantId;

/** The sandbox behaves like a dated source: a capture each summer, never one from the future, always marked. */
class SandboxImageryTests {

    Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    SandboxImagery sandbox = new SandboxImagery(TestImagery.settings("http://unused"), clock);
    TenantId tenant = new TenantId(java.util.UUID.randomUUID());

    @Test
    void theLatestSummerBeforeTodayAndEachSideOfAStorm() {
        var latest = sandbox.fetch(tenant, TestImagery.roof(), new TestImagery.Recorded()).orElseThrow();
        assertThat(latest.capturedOn()).hasYear(2025).hasMonthValue(6);
        assertThat(latest.synthetic()).isTrue();
        assertThat(latest.attribution()).contains("not a photo");
        assertThat(latest.resolutionMetres()).isCloseTo(0.15, org.assertj.core.data.Offset.offset(0.01));
        var img = Images.decode(latest.bytes());
        assertThat(img.getWidth()).isEqualTo(TestImagery.roof().cropPixels());
        var before = sandbox.fetch(tenant, TestImagery.roof().before(LocalDate.of(2024, 4, 25)), new TestImagery.Recorded())
                .orElseThrow();
        var after = sandbox.fetch(tenant, TestImagery.roof().after(LocalDate.of(2024, 4, 26)), new TestImagery.Recorded())
                .orElseThrow();
        assertThat(before.capturedOn()).hasYear(2023);
        assertThat(after.capturedOn()).hasYear(2024);
        assertThat(sandbox.fetch(tenant, TestImagery.roof().before(LocalDate.of(2015, 1, 1)), new TestImagery.Recorded()))
                .isEmpty();
        assertThat(sandbox.fetch(tenant, TestImagery.roof().after(LocalDate.of(2025, 9, 1)), new TestImagery.Recorded()))
                .as("no capture from the future").isEmpty();
    }

    @Test
    void theStreetCameraFacesTheHouse() {
        var street = sandbox.fetch(tenant, TestImagery.street(), new TestImagery.Recorded()).orElseThrow();
        double toHouse = TileMath.bearing(street.cameraLatitude(), street.cameraLongitude(), 36.1627, -86.7816);
        assertThat(street.heading()).isCloseTo(toHouse, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(TileMath.distance(street.cameraLatitude(), street.cameraLongitude(), 36.1627, -86.7816))
                .isCloseTo(28, org.assertj.core.data.Offset.offset(0.5));
    }
}

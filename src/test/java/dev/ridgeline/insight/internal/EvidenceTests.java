package dev.ridgeline.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ridgeline.insight.EngagementKind;
import dev.ridgeline.insight.RoofAgeSource;

/** The packed evidence gives back every field it took, nulls and all, and so the same fingerprint. */
class EvidenceTests {

    @Test
    void everyFieldComesBackAsItWent() {
        HomeFeatures h = home();
        h.yearBuilt = 1987;
        h.hailInches = 1.75;
        h.hailMiles = 0.6;
        h.hailReports = 3;
        h.windKnots = 61;
        h.windOn = LocalDate.of(2024, 5, 2);
        h.windMiles = 1.2;
        h.tornado = true;
        h.radarDetections = 14;
        h.radarOn = LocalDate.of(2024, 5, 1);
        h.roofSource = RoofAgeSource.PERMIT;
        h.roofConfidence = 0.9;
        h.roofEvidence = "T2024012345 — réfection";
        h.neighboursReroofed = 7;
        h.waveSize = 12;
        h.waveSince = LocalDate.of(2023, 11, 30);
        h.zipClaims = 41;
        h.engagement = EngagementKind.REPLIED;
        h.engagedOn = LocalDate.of(2024, 6, 1);
        h.roofUrgency = 57;
        h.roofAnalysedOn = LocalDate.of(2024, 6, 3);
        h.roofFinding = "a blue tarp on the roof (6.0 m²)";
        h.roundToStored();
        HomeFeatures back = roundTrip(h);
        assertThat(back).usingRecursiveComparison().isEqualTo(h);
        assertThat(back.fingerprint(55, "prior-1")).isEqualTo(h.fingerprint(55, "prior-1"));
    }

    @Test
    void absentEvidenceStaysAbsent() {
        HomeFeatures h = home();
        h.roundToStored();
        HomeFeatures back = roundTrip(h);
        assertThat(back.yearBuilt).isNull();
        assertThat(back.windKnots).isNaN();
        assertThat(back.windOn).isNull();
        assertThat(back.radarOn).isNull();
        assertThat(back.roofEvidence).isNull();
        assertThat(back.roofSource).isEqualTo(RoofAgeSource.UNKNOWN);
        assertThat(back.waveSince).isNull();
        assertThat(back.zipClaims).isEqualTo(-1);
        assertThat(back.engagement).isNull();
        assertThat(back.engagedOn).isNull();
        assertThat(back.roofUrgency).isEqualTo(-1);
        assertThat(back.roofAnalysedOn).isNull();
        assertThat(back.roofFinding).isNull();
        assertThat(back.fingerprint(0, "prior-1")).isEqualTo(h.fingerprint(0, "prior-1"));
    }

    @Test
    void aVeryLongEstimateIsCutNotOverflowed() {
        HomeFeatures h = home();
        h.roofEvidence = "x".repeat(50_000);
        assertThat(roundTrip(h).roofEvidence).hasSize(2000);
    }

    private static HomeFeatures home() {
        return new HomeFeatures(UUID.randomUUID(), "1 Main St", "1 MAIN ST", "Atlanta", "30316", 33.7, -84.3, 42L);
    }

    private static HomeFeatures roundTrip(HomeFeatures h) {
        byte[] packed = Evidence.pack(h);
        HomeFeatures back = new HomeFeatures(h.propertyId, h.address, h.addressKey, h.city, h.postalCode, h.latitude,
                h.longitude, h.h3r7);
        back.hailInches = h.hailInches;
        back.hailOn = h.hailOn;
        back.roofYear = h.roofYear;
        back.recentlyReroofed = h.recentlyReroofed;
        Evidence.unpack(packed, packed.length, back);
        return back;
    }

    @Test
    void aFingerprintIsTheSameInEveryProcess() {
        // A value computed once and written down: anything hashed by identity (an enum's hashCode) would change it
        // from one JVM to the next, and every restart would rewrite every stored home.
        HomeFeatures h = new HomeFeatures(UUID.fromString("0c6f2a4e-9d1b-4f7e-8a3c-2b5d6e7f8091"), "1 Main St",
                "1 MAIN ST", "Atlanta", "30316", 33.7, -84.3, 42L);
        h.roofSource = RoofAgeSource.PERMIT;
        h.roofYear = 2010;
        h.engagement = EngagementKind.BOOKED;
        h.engagedOn = LocalDate.of(2024, 6, 1);
        assertThat(h.fingerprint(55, "prior-1")).isEqualTo(FINGERPRINT);
    }

    private static final long FINGERPRINT = 7064068110387358750L;
}

package dev.ridgeline.insight.internal;

import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.insight.EngagementKind;
import dev.ridgeline.insight.RoofAgeSource;

/**
 * Everything the analysis found about one home, as stored in {@code insight.home_score}: the scoring model turns it
 * into points and words. Mutable and unboxed on purpose: a pass fills a million of them.
 */
public final class HomeFeatures {

    UUID propertyId;
    String address;
    @Nullable String addressKey;
    @Nullable String city;
    @Nullable String postalCode;
    double latitude;
    double longitude;
    long h3r7;
    @Nullable Integer yearBuilt;

    /** The hail report that gives the most points: size in inches, day, miles away; NaN size when none. */
    double hailInches = Double.NaN;
    @Nullable LocalDate hailOn;
    double hailMiles;
    /** Hail reports within the exposure radius in the look-back window. */
    int hailReports;

    /** The wind or tornado report that gives the most points: knots (NaN when none), day, miles, tornado or not. */
    double windKnots = Double.NaN;
    @Nullable LocalDate windOn;
    double windMiles;
    boolean tornado;

    /** NEXRAD hail signatures in the 0.1-degree tile over the home in the window, and the last day with any. */
    int radarDetections;
    @Nullable LocalDate radarOn;

    @Nullable Integer roofYear;
    RoofAgeSource roofSource = RoofAgeSource.UNKNOWN;
    double roofConfidence;
    /** The permit number (PERMIT), or how the estimate was made. */
    @Nullable String roofEvidence;
    /** The roof was replaced (by permit) within the recent-re-roof window: no outreach. */
    boolean recentlyReroofed;

    /** Roof replacement permits within the neighbour radius in the last year, other addresses only. */
    int neighboursReroofed;

    /** The re-roofing wave (DBSCAN cluster) the home sits in: its permit count (0 for none) and first permit day. */
    int waveSize;
    @Nullable LocalDate waveSince;

    /** Insurance claims counted in the home's ZIP over the last year; -1 when no count covers it. */
    int zipClaims = -1;

    /** The homeowner's strongest fresh sign of interest, and its day; null when none. */
    @Nullable EngagementKind engagement;
    @Nullable LocalDate engagedOn;

    /** The urgency (0-100) of the roof's latest analysis, its day and main reason; -1 when never analysed. */
    int roofUrgency = -1;
    @Nullable LocalDate roofAnalysedOn;
    @Nullable String roofFinding;

    HomeFeatures(UUID propertyId, String address, @Nullable String addressKey, @Nullable String city,
            @Nullable String postalCode, double latitude, double longitude, long h3r7) {
        this.propertyId = propertyId;
        this.address = address;
        this.addressKey = addressKey;
        this.city = city;
        this.postalCode = postalCode;
        this.latitude = latitude;
        this.longitude = longitude;
        this.h3r7 = h3r7;
    }

    /** Rounds what the table stores as {@code real} the same way, so a score recomputed from stored values matches. */
    void roundToStored() {
        hailInches = (float) hailInches;
        hailMiles = (float) hailMiles;
        windKnots = (float) windKnots;
        windMiles = (float) windMiles;
        roofConfidence = (float) roofConfidence;
    }

    /** A 64-bit hash (FNV-1a) of everything stored but the day and time of scoring: unchanged homes are not rewritten. */
    long fingerprint(int score, String model) {
        long h = 0xcbf29ce484222325L;
        h = mix(h, model.hashCode());
        h = mix(h, propertyId.getMostSignificantBits() ^ propertyId.getLeastSignificantBits());
        // Only values whose hash is the same in every process: an enum's own hashCode is its identity, so its
        // ordinal stands in for it (else every restart would rewrite every home).
        h = mix(h, java.util.Objects.hash(address, addressKey, city, postalCode, hailOn, windOn, radarOn, roofYear,
                roofSource.ordinal(), roofEvidence, waveSince, yearBuilt, engagement == null ? -1 : engagement.ordinal(),
                engagedOn));
        // Mixed in only for analysed roofs, so the homes stored before roof analysis keep their fingerprints.
        if (roofUrgency >= 0) {
            h = mix(h, java.util.Objects.hash(roofUrgency, roofAnalysedOn, roofFinding));
        }
        h = mix(h, Double.doubleToLongBits(latitude));
        h = mix(h, Double.doubleToLongBits(longitude));
        h = mix(h, Double.doubleToLongBits(hailInches));
        h = mix(h, Double.doubleToLongBits(hailMiles));
        h = mix(h, Double.doubleToLongBits(windKnots));
        h = mix(h, Double.doubleToLongBits(windMiles));
        h = mix(h, Double.doubleToLongBits(roofConfidence));
        h = mix(h, ((long) hailReports << 32) | radarDetections);
        h = mix(h, ((long) neighboursReroofed << 32) | waveSize);
        h = mix(h, ((long) zipClaims << 32) | score);
        return mix(h, (tornado ? 1 : 0) | (recentlyReroofed ? 2 : 0));
    }

    private static long mix(long h, long v) {
        for (int i = 0; i < 8; i++) {
            h ^= (v >>> (i * 8)) & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    void clearExposure() {
        hailInches = Double.NaN;
        hailOn = null;
        hailMiles = 0;
        hailReports = 0;
        windKnots = Double.NaN;
        windOn = null;
        windMiles = 0;
        tornado = false;
        radarDetections = 0;
        radarOn = null;
    }

    /**
     * This home as a scored lead with its explanation, as {@code explainer} (the model that gave {@code score}) reads
     * its factors as of {@code asOf}.
     */
    dev.ridgeline.insight.HomeScore scored(int score, LocalDate asOf, String modelName, ScoreModel explainer) {
        Integer age = roofYear == null ? null : asOf.getYear() - roofYear;
        return new dev.ridgeline.insight.HomeScore(propertyId, address, city, postalCode, latitude, longitude, score,
                PriorModel.excluded(this), explainer.explain(this, asOf), age, roofSource, asOf, modelName);
    }
}

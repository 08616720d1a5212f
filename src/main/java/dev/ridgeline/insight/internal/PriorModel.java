package dev.ridgeline.insight.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.ridgeline.insight.EngagementKind;
import dev.ridgeline.insight.FactorKind;
import dev.ridgeline.insight.RoofAgeSource;
import dev.ridgeline.insight.ScoreFactor;

/**
 * The documented prior lead-score model (docs/scoring.md), used until a company's own won and lost leads can train
 * one. Each factor gives points up to its {@link FactorKind#maxPoints()}; the score is their sum, at most 100.
 *
 * <ul>
 * <li>Hail: 40 x size x distance x recency. Size: (inches - 0.5) / 1.5, within 0..1 (1.00 in gives 0.33, 2.00 in and
 * larger 1). Distance: 1 - miles / radius. Recency: 1 for 60 days, then falling evenly to 0.25 at two years.</li>
 * <li>Wind: 15 x speed x distance x recency; speed (knots - 40) / 35 within 0..1; a damage report without a speed
 * counts as 50 kt, a tornado as 75 kt.</li>
 * <li>Radar hail signatures over the home (only when no ground report gives more): 10 x min(1, detections / 20) x
 * recency.</li>
 * <li>Roof age: 30 x (years - 8) / 14 within 0..1 (22 years and older gives all), x (0.4 + 0.6 x confidence).</li>
 * <li>Neighbours: 2 a roof replaced within the neighbour radius in the last year, at most 10.</li>
 * <li>Re-roofing wave: 5 when the home sits in a DBSCAN cluster of recent roofing permits.</li>
 * <li>Area claims: 2 x log2(1 + claims / 10) for the insurance claims counted in the home's ZIP over the last year,
 * at most 8.</li>
 * <li>Homeowner engagement: the points of what the homeowner did (booked an inspection or asked for a quote 15,
 * replied 12, clicked 6, opened 3) x freshness: 1 for 14 days, then falling evenly to 0 at 120 days.</li>
 * </ul>
 * A home whose roof was replaced within the recent-re-roof window scores 0 and says why.
 */
public final class PriorModel implements ScoreModel {

    static final String NAME = "prior-1";

    private final InsightSettings settings;

    PriorModel(InsightSettings settings) {
        this.settings = settings;
    }

    static double recency(long days) {
        if (days <= 60) {
            return 1;
        }
        return Math.max(0.25, 1 - (days - 60) / 670.0 * 0.75);
    }

    double hailPoints(double inches, double miles, long days) {
        double size = clamp((inches - 0.5) / 1.5);
        return FactorKind.HAIL.maxPoints() * size * distance(miles) * recency(days);
    }

    double windPoints(double knots, double miles, long days) {
        return FactorKind.WIND.maxPoints() * clamp((knots - 40) / 35) * distance(miles) * recency(days);
    }

    static double radarPoints(int detections, long days) {
        return FactorKind.RADAR.maxPoints() * Math.min(1, detections / 20.0) * recency(days);
    }

    static double roofPoints(int years, double confidence) {
        return FactorKind.ROOF_AGE.maxPoints() * clamp((years - 8) / 14.0) * (0.4 + 0.6 * confidence);
    }

    static double neighbourPoints(int reroofed) {
        return Math.min(FactorKind.NEIGHBOURS.maxPoints(), 2.0 * reroofed);
    }

    static double claimPoints(int claims) {
        return claims <= 0 ? 0 : Math.min(FactorKind.CLAIMS.maxPoints(), 2 * (Math.log1p(claims / 10.0) / Math.log(2)));
    }

    static double engagementPoints(EngagementKind kind, long days) {
        double fresh = days <= 14 ? 1 : Math.max(0, 1 - (days - 14) / 106.0);
        return kind.points() * fresh;
    }

    private double distance(double miles) {
        return clamp(1 - miles / settings.exposureMiles());
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The score, 0-100, of a home as of a day. */
    @Override
    public int score(HomeFeatures h, LocalDate asOf) {
        if (h.recentlyReroofed) {
            return 0;
        }
        double total = 0;
        for (double p : points(h, asOf)) {
            total += p;
        }
        return (int) Math.round(Math.min(100, total));
    }

    /** Points per {@link FactorKind}, in its order. */
    double[] points(HomeFeatures h, LocalDate asOf) {
        double[] p = new double[FactorKind.values().length];
        if (!Double.isNaN(h.hailInches) && h.hailOn != null) {
            p[FactorKind.HAIL.ordinal()] = hailPoints(h.hailInches, h.hailMiles, days(h.hailOn, asOf));
        }
        if (!Double.isNaN(h.windKnots) && h.windOn != null) {
            p[FactorKind.WIND.ordinal()] = windPoints(h.windKnots, h.windMiles, days(h.windOn, asOf));
        }
        if (h.radarDetections > 0 && h.radarOn != null) {
            double radar = radarPoints(h.radarDetections, days(h.radarOn, asOf));
            p[FactorKind.RADAR.ordinal()] = radar > p[FactorKind.HAIL.ordinal()] ? radar - p[FactorKind.HAIL.ordinal()] : 0;
        }
        if (h.roofYear != null) {
            p[FactorKind.ROOF_AGE.ordinal()] = roofPoints(asOf.getYear() - h.roofYear, h.roofConfidence);
        }
        p[FactorKind.NEIGHBOURS.ordinal()] = neighbourPoints(h.neighboursReroofed);
        p[FactorKind.WAVE.ordinal()] = h.waveSize > 0 ? FactorKind.WAVE.maxPoints() : 0;
        p[FactorKind.CLAIMS.ordinal()] = claimPoints(h.zipClaims);
        if (h.engagement != null && h.engagedOn != null) {
            p[FactorKind.ENGAGEMENT.ordinal()] = engagementPoints(h.engagement, days(h.engagedOn, asOf));
        }
        if (h.roofUrgency > 0 && h.roofAnalysedOn != null) {
            p[FactorKind.ROOF_CONDITION.ordinal()] = FactorKind.ROOF_CONDITION.maxPoints() * h.roofUrgency / 100.0;
        }
        return p;
    }

    /** Why a home is excluded from outreach, or null. */
    static @org.jspecify.annotations.Nullable String excluded(HomeFeatures h) {
        if (!h.recentlyReroofed) {
            return null;
        }
        return h.roofSource == RoofAgeSource.NEW_CONSTRUCTION
                ? "excluded: new roof, the house was built in " + h.roofYear + " (permit " + h.roofEvidence + ")"
                : "excluded: roof replaced in " + h.roofYear + " (permit " + h.roofEvidence + ")";
    }

    /** The factors that gave at least one point, largest first, each in plain words. */
    @Override
    public List<ScoreFactor> explain(HomeFeatures h, LocalDate asOf) {
        double[] p = points(h, asOf);
        List<ScoreFactor> factors = new ArrayList<>();
        for (FactorKind kind : FactorKind.values()) {
            int points = (int) Math.round(p[kind.ordinal()]);
            if (points >= 1) {
                factors.add(new ScoreFactor(kind, points, words(kind, h, asOf)));
            }
        }
        factors.sort(Comparator.comparingInt(ScoreFactor::points).reversed());
        return factors;
    }

    static String words(FactorKind kind, HomeFeatures h, LocalDate asOf) {
        return switch (kind) {
            case HAIL -> fixed(h.hailInches, 2) + " in hail " + fixed(h.hailMiles, 1) + " mi away, " + ago(h.hailOn, asOf)
                    + (h.hailReports > 1 ? " (" + h.hailReports + " hail reports nearby)" : "");
            case WIND -> (h.tornado ? "tornado" : Math.round(h.windKnots) + " kt wind") + " " + fixed(h.windMiles, 1)
                    + " mi away, " + ago(h.windOn, asOf);
            case RADAR -> h.radarDetections + " radar hail signatures over the home, the last " + ago(h.radarOn, asOf);
            case ROOF_AGE -> "roof about " + (asOf.getYear() - h.roofYear) + " years old (" + switch (h.roofSource) {
                case PERMIT -> "re-roofed " + h.roofYear + ", permit " + h.roofEvidence;
                case NEW_CONSTRUCTION -> "built " + h.roofYear + ", permit " + h.roofEvidence;
                case YEAR_BUILT -> "built " + h.roofYear;
                case NEIGHBOURHOOD -> "neighbourhood estimate: " + h.roofEvidence;
                case UNKNOWN -> "unknown";
            } + ")";
            case NEIGHBOURS -> h.neighboursReroofed + (h.neighboursReroofed == 1 ? " neighbour" : " neighbours")
                    + " re-roofed in the last year";
            case WAVE -> "inside a re-roofing wave of " + h.waveSize + " permits since " + h.waveSince;
            case CLAIMS -> h.zipClaims + " insurance claims in ZIP " + h.postalCode + " in the last year";
            case ENGAGEMENT -> "homeowner " + (h.engagement == null ? "engaged" : h.engagement.words()) + " "
                    + ago(h.engagedOn, asOf);
            case ROOF_CONDITION -> "roof analysis " + ago(h.roofAnalysedOn, asOf) + ": urgency " + h.roofUrgency
                    + (h.roofFinding == null ? "" : " (" + h.roofFinding + ")");
        };
    }

    private static long days(LocalDate day, LocalDate asOf) {
        return Math.max(0, ChronoUnit.DAYS.between(day, asOf));
    }

    private static String ago(LocalDate day, LocalDate asOf) {
        long d = days(day, asOf);
        return d == 0 ? "on " + day : d == 1 ? "1 day ago" : d <= 60 ? d + " days ago (" + day + ")" : "on " + day;
    }

    /** A non-negative number with a fixed count of decimals (1 or 2), rounded half up: 1.75, 0.6. */
    static String fixed(double value, int decimals) {
        long scale = decimals == 1 ? 10 : 100;
        long units = Math.round(value * scale);
        String fraction = Long.toString(units % scale);
        return (units / scale) + "." + (fraction.length() < decimals ? "0" + fraction : fraction);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}

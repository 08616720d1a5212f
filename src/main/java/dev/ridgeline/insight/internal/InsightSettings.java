package dev.ridgeline.insight.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How far and how far back the analysis looks ({@code ridgeline.insight.*}).
 *
 * @param exposureMiles storm reports within this distance of a home count
 * @param lookbackDays storm reports older than this are ignored
 * @param neighbourMiles roof replacements within this distance are the home's neighbours
 * @param waveMiles DBSCAN's eps for re-roofing waves
 * @param waveMinPermits DBSCAN's minimum points (a permit counts itself)
 * @param waveDays re-roofing waves are found among the permits of this many days
 * @param recentReroofYears a roof replaced by permit within this many years excludes the home
 * @param alertsPerPass at most this many new hot-lead alerts of one pass are announced ({@code LeadBecameHot}, and
 *     the rule's recipient told), the best scores first; the rest are recorded and listed, not announced
 */
@ConfigurationProperties("ridgeline.insight")
record InsightSettings(@DefaultValue("3") double exposureMiles, @DefaultValue("730") int lookbackDays,
        @DefaultValue("0.25") double neighbourMiles, @DefaultValue("0.15") double waveMiles,
        @DefaultValue("5") int waveMinPermits, @DefaultValue("180") int waveDays,
        @DefaultValue("5") int recentReroofYears, @DefaultValue("200") int alertsPerPass) {

    static InsightSettings defaults() {
        return new InsightSettings(3, 730, 0.25, 0.15, 5, 180, 5, 200);
    }
}

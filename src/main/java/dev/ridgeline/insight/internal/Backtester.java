package dev.ridgeline.insight.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.insight.Backtest;
import dev.ridgeline.platform.Addresses;
import dev.ridgeline.platform.GeoPoint;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.property.PropertyService;
import dev.ridgeline.signals.Permit;
import dev.ridgeline.signals.SignalsService;
import dev.ridgeline.signals.StormReport;

/**
 * Scores every home with only the data known on an as-of day, then checks the scores against the roofing permits
 * that followed within the horizon. The homes are the company's located properties plus every other address that
 * appears, located, in its permit data (a permit file is a census of addresses where the property graph is thin);
 * a home is positive when a roofing permit of any kind was issued at its address after the as-of day and within the
 * horizon. Nothing is written.
 */
@Component
class Backtester {

    private final PropertyService properties;
    private final SignalsService signals;
    private final InsightPasses passes;
    private final InsightSettings settings;

    Backtester(PropertyService properties, SignalsService signals, InsightPasses passes, InsightSettings settings) {
        this.properties = properties;
        this.signals = signals;
        this.passes = passes;
        this.settings = settings;
    }

    @Transactional(readOnly = true)
    Backtest run(TenantId tenant, @org.jspecify.annotations.Nullable LocalDate asOfOrNull, int horizonDays, int k) {
        if (horizonDays < 1 || horizonDays > 3650) {
            throw InvalidInputException.of("horizon", "must be 1 to 3650 days");
        }
        if (k < 1) {
            throw InvalidInputException.of("k", "must be at least 1");
        }
        List<Permit> all = new ArrayList<>();
        signals.forEachPermit(tenant, false, all::add);
        LocalDate latest = latestDay(tenant, all);
        if (latest == null) {
            throw InvalidInputException.of("data", "there are no permits or storm reports to backtest on");
        }
        LocalDate asOf = asOfOrNull != null ? asOfOrNull : latest.minusDays(horizonDays);
        LocalDate end = asOf.plusDays(horizonDays);

        List<HomeFeatures> homes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        properties.forEachLocated(tenant, null, p -> {
            homes.add(InsightPasses.features(p));
            seen.add(site(p.addressKey(), p.postalCode()));
        });
        for (Permit p : all) {
            if (p.latitude() == null || p.longitude() == null) {
                continue;
            }
            String key = Addresses.street(p.address()).line();
            if (key.isEmpty() || !seen.add(site(key, p.postalCode()))) {
                continue;
            }
            GeoPoint at = new GeoPoint(p.latitude(), p.longitude());
            homes.add(new HomeFeatures(p.id(), p.address(), key, p.city(), p.postalCode(), p.latitude(), p.longitude(),
                    at.cell(GeoPoint.STORM_RESOLUTION)));
        }
        if (homes.isEmpty()) {
            throw InvalidInputException.of("data", "there are no located homes or permits to backtest on");
        }
        Analysis analysis = new Analysis(settings);
        Analysis.Inputs known = passes.inputs(tenant, asOf);
        analysis.analyse(homes, known, asOf);

        // Positives: a roofing permit after the as-of day, within the horizon, at the home's address.
        Map<String, List<Permit>> later = new HashMap<>();
        for (Permit p : all) {
            LocalDate day = Analysis.day(p);
            if (p.category().roofing() && day != null && day.isAfter(asOf) && !day.isAfter(end)) {
                later.computeIfAbsent(Addresses.street(p.address()).line(), x -> new ArrayList<>()).add(p);
            }
        }
        int n = homes.size();
        double[] scores = new double[n];
        boolean[] positive = new boolean[n];
        int positives = 0;
        for (int i = 0; i < n; i++) {
            HomeFeatures h = homes.get(i);
            h.roundToStored();
            scores[i] = analysis.model().score(h, asOf);
            positive[i] = matches(h, later.get(h.addressKey == null ? "" : h.addressKey));
            positives += positive[i] ? 1 : 0;
        }
        int top = Math.min(k, n);
        return new Backtest(asOf, horizonDays, n, positives, auc(scores, positive), top,
                precisionAtK(scores, positive, top, homes), positives / (double) n, PriorModel.NAME);
    }

    private LocalDate latestDay(TenantId tenant, List<Permit> permits) {
        LocalDate latest = null;
        for (Permit p : permits) {
            LocalDate d = Analysis.day(p);
            if (d != null && (latest == null || d.isAfter(latest))) {
                latest = d;
            }
        }
        for (StormReport r : signals.stormReports(tenant, LocalDate.of(1950, 1, 1), LocalDate.of(2100, 1, 1))) {
            if (latest == null || r.reportDate().isAfter(latest)) {
                latest = r.reportDate();
            }
        }
        return latest;
    }

    private static boolean matches(HomeFeatures h, List<Permit> permits) {
        return permits != null && permits.stream().anyMatch(p -> Analysis.sameHouse(h, p));
    }

    private static String site(String addressKey, String postalCode) {
        return addressKey + '|' + (postalCode == null ? "" : Analysis.zip5(postalCode));
    }

    /** ROC AUC by the rank-sum (Mann-Whitney U) with tied scores given their mean rank; 0.5 when a class is empty. */
    static double auc(double[] scores, boolean[] positive) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double rankSum = 0;
        long pos = 0;
        for (int i = 0; i < n;) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double meanRank = (i + j + 2) / 2.0;
            for (int t = i; t <= j; t++) {
                if (positive[order[t]]) {
                    rankSum += meanRank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return 0.5;
        }
        return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /** Share of positives among the k highest scores; ties broken by property id, so the figure is repeatable. */
    static double precisionAtK(double[] scores, boolean[] positive, int k, List<HomeFeatures> homes) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -scores[i])
                .thenComparing(i -> homes.get(i).propertyId));
        int hits = 0;
        for (int i = 0; i < k; i++) {
            hits += positive[order[i]] ? 1 : 0;
        }
        return hits / (double) k;
    }
}

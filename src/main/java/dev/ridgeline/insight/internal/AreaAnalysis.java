package dev.ridgeline.insight.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.insight.ContractorShare;
import dev.ridgeline.insight.HotSpot;
import dev.ridgeline.insight.MonthlyTrend;
import dev.ridgeline.platform.GeoPoint;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.signals.Permit;
import dev.ridgeline.signals.SignalsService;
import dev.ridgeline.signals.StormReport;

/** The market of an area: competitors, who is working a storm, the monthly trend and forecast, hot spots. */
@Component
public class AreaAnalysis {

    /** Hot spots are read on the permits of this many days before the analysis day. */
    static final int HOT_SPOT_DAYS = 365;

    private final SignalsService signals;
    private final InsightStore store;
    private final InsightPasses passes;

    AreaAnalysis(SignalsService signals, InsightStore store, InsightPasses passes) {
        this.signals = signals;
        this.store = store;
        this.passes = passes;
    }

    private List<Permit> roofing(TenantId tenant) {
        List<Permit> out = new ArrayList<>();
        signals.forEachPermit(tenant, true, out::add);
        return out;
    }

    @Transactional(readOnly = true)
    public List<ContractorShare> competitors(TenantId tenant, @Nullable String zip, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw InvalidInputException.of("to", "is before 'from'");
        }
        return Competitors.shares(roofing(tenant), blank(zip), from, to);
    }

    @Transactional(readOnly = true)
    public List<ContractorShare> workingStorm(TenantId tenant, LocalDate day, double miles, int days) {
        if (!(miles > 0 && miles <= 25) || days < 1 || days > 730) {
            throw InvalidInputException.of("miles", "within 0..25 miles and 1..730 days");
        }
        List<StormReport> storm = signals.stormReports(tenant, day, day);
        if (storm.isEmpty()) {
            return List.of();
        }
        return Competitors.workingStorm(roofing(tenant), storm, day, miles, days);
    }

    /** Roofing permits per month of the area (a ZIP, or every permit), from the first month with one to the as-of month. */
    @Transactional(readOnly = true)
    public MonthlyTrend trend(TenantId tenant, @Nullable String zip, int horizon) {
        String area = blank(zip);
        LocalDate asOf = passes.asOf(tenant);
        TreeMap<YearMonth, int[]> byMonth = new TreeMap<>();
        for (Permit p : roofing(tenant)) {
            LocalDate d = Analysis.day(p);
            if (d == null || d.isAfter(asOf) || area != null && (p.postalCode() == null || !p.postalCode().startsWith(area))) {
                continue;
            }
            byMonth.computeIfAbsent(YearMonth.from(d), m -> new int[1])[0]++;
        }
        String label = area == null ? "all areas" : "ZIP " + area;
        if (byMonth.isEmpty()) {
            return new MonthlyTrend(label, List.of(), List.of(), List.of(), SeasonalTrend.METHOD);
        }
        YearMonth first = byMonth.firstKey();
        YearMonth last = YearMonth.from(asOf).isAfter(byMonth.lastKey()) ? YearMonth.from(asOf) : byMonth.lastKey();
        int n = (int) (first.until(last, java.time.temporal.ChronoUnit.MONTHS) + 1);
        int[] series = new int[n];
        byMonth.forEach((m, c) -> series[(int) first.until(m, java.time.temporal.ChronoUnit.MONTHS)] = c[0]);
        return SeasonalTrend.of(label, first, series, Math.clamp(horizon, 1, 12));
    }

    /** Getis-Ord Gi* over the roof replacements of the last year, on the resolution-7 cells that hold homes. */
    @Transactional(readOnly = true)
    public List<HotSpot> hotSpots(TenantId tenant) {
        LocalDate asOf = passes.asOf(tenant);
        Map<Long, Integer> counts = new HashMap<>();
        for (long cell : store.cellsWithHomes(tenant)) {
            counts.put(cell, 0);
        }
        for (Permit p : roofing(tenant)) {
            LocalDate d = Analysis.day(p);
            if (!Analysis.replacement(p) || d == null || d.isAfter(asOf) || d.isBefore(asOf.minusDays(HOT_SPOT_DAYS))
                    || p.latitude() == null || p.longitude() == null) {
                continue;
            }
            long cell = new GeoPoint(p.latitude(), p.longitude()).cell(GeoPoint.STORM_RESOLUTION);
            counts.computeIfPresent(cell, (c, x) -> x + 1);
        }
        List<HotSpot> out = new ArrayList<>();
        for (GetisOrd.Result r : GetisOrd.run(counts)) {
            GeoPoint centre = GeoPoint.centreOf(r.cell());
            out.add(new HotSpot(r.cell(), centre.latitude(), centre.longitude(), GeoPoint.outlineOf(r.cell()), r.count(), r.z(), r.p(), r.kind()));
        }
        return out;
    }

    /**
     * Clusters of the roof replacements of the {@code days} before the analysis day, by DBSCAN (eps in miles and
     * minPts) or HDBSCAN (minimum cluster size only).
     */
    @Transactional(readOnly = true)
    public List<dev.ridgeline.insight.PermitWave> permitClusters(TenantId tenant, String method, int days, double eps,
            int minPoints) {
        if (days < 1 || days > 3650) {
            throw InvalidInputException.of("days", "must be 1 to 3650");
        }
        if (minPoints < 2 || minPoints > 1000) {
            throw InvalidInputException.of("minPoints", "must be 2 to 1000");
        }
        LocalDate asOf = passes.asOf(tenant);
        List<Permit> recent = Analysis.located(roofing(tenant).stream()
                .filter(p -> Analysis.day(p) != null && !Analysis.day(p).isAfter(asOf)).toList(), asOf.minusDays(days));
        double[] lat = recent.stream().mapToDouble(Permit::latitude).toArray();
        double[] lon = recent.stream().mapToDouble(Permit::longitude).toArray();
        int[] labels;
        int clusters;
        switch (method) {
            case "dbscan" -> {
                if (!(eps > 0 && eps <= 10)) {
                    throw InvalidInputException.of("eps", "must be more than 0 and at most 10 miles");
                }
                Dbscan.Result r = Dbscan.run(lat, lon, lat.length, eps, minPoints);
                labels = r.labels();
                clusters = r.clusters();
            }
            case "hdbscan" -> {
                Hdbscan.Result r = Hdbscan.run(lat, lon, lat.length, minPoints);
                labels = r.labels();
                clusters = r.clusters();
            }
            default -> throw InvalidInputException.of("method", "is dbscan or hdbscan");
        }
        return Analysis.summarise(recent, labels, clusters).stream()
                .map(w -> new dev.ridgeline.insight.PermitWave(w.number(), w.size(), w.latitude(), w.longitude(),
                        w.hull(), w.first(), w.last(), w.topContractors()))
                .toList();
    }

    /** The ZIPs with the most roofing permits, for choosing an area. */
    @Transactional(readOnly = true)
    public List<String> busiestZips(TenantId tenant, int limit) {
        Map<String, int[]> counts = new HashMap<>();
        for (Permit p : roofing(tenant)) {
            if (p.postalCode() != null && p.postalCode().length() >= 5) {
                counts.computeIfAbsent(p.postalCode().substring(0, 5), z -> new int[1])[0]++;
            }
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, int[]>comparingByValue((a, b) -> Integer.compare(b[0], a[0]))
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).map(Map.Entry::getKey).toList();
    }

    private static @Nullable String blank(@Nullable String zip) {
        return zip == null || zip.isBlank() ? null : zip.strip();
    }
}

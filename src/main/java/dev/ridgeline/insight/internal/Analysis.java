package dev.ridgeline.insight.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.insight.RoofAgeSource;
import dev.ridgeline.platform.GeoPoint;
import dev.ridgeline.signals.AreaClaims;
import dev.ridgeline.signals.HailTile;
import dev.ridgeline.signals.Permit;
import dev.ridgeline.signals.PermitCategory;
import dev.ridgeline.signals.StormKind;
import dev.ridgeline.signals.StormReport;

/**
 * The analysis of a set of homes as of a day, in memory: storm exposure, roof age, neighbours' re-roofing,
 * re-roofing waves and area claims. Only data known on the as-of day is used (reports of that day or earlier,
 * permits issued or filed by then), so the same code scores today and backtests the past.
 */
public final class Analysis {

    /** Wind damage reports without a measured speed, and tornadoes, in knots for scoring. */
    static final double UNKNOWN_WIND_KNOTS = 50;
    static final double TORNADO_KNOTS = 75;
    /** Permits at the same address key farther apart than this are different houses (same street, other town). */
    private static final double SAME_ADDRESS_MILES = 0.5;
    private static final int NEIGHBOURHOOD_MIN_HOMES = 5;

    /** What the analysis reads. Permits: roofing and new-construction ones, any date (later ones are ignored). */
    public record Inputs(List<StormReport> reports, List<HailTile> tiles, List<Permit> permits, List<AreaClaims> claims) {
    }

    /** A re-roofing wave: a DBSCAN cluster of roof replacement permits. */
    record Wave(int number, int size, double latitude, double longitude, List<double[]> hull, LocalDate first,
            LocalDate last, Map<String, Integer> topContractors) {
    }

    private final InsightSettings settings;
    private final PriorModel model;

    Analysis(InsightSettings settings) {
        this.settings = settings;
        this.model = new PriorModel(settings);
    }

    PriorModel model() {
        return model;
    }

    /** Fills every feature of the homes; answers the re-roofing waves found. */
    List<Wave> analyse(List<HomeFeatures> homes, Inputs in, LocalDate asOf) {
        exposure(homes, in.reports(), in.tiles(), asOf);
        List<Permit> known = in.permits().stream()
                .filter(p -> day(p) != null && !day(p).isAfter(asOf)).toList();
        roofAge(homes, known, asOf);
        neighbours(homes, known, asOf);
        List<Wave> waves = waves(homes, known, asOf);
        claims(homes, in.claims(), asOf);
        return waves;
    }

    /** Storm exposure only: the rest of each home's features stay as they are. */
    void exposure(List<HomeFeatures> homes, List<StormReport> reports, List<HailTile> tiles, LocalDate asOf) {
        LocalDate from = asOf.minusDays(settings.lookbackDays());
        List<StormReport> window = reports.stream()
                .filter(r -> !r.reportDate().isAfter(asOf) && !r.reportDate().isBefore(from)).toList();
        int n = window.size();
        double[] lat = new double[n];
        double[] lon = new double[n];
        for (int i = 0; i < n; i++) {
            lat[i] = window.get(i).latitude();
            lon[i] = window.get(i).longitude();
        }
        PointGrid grid = new PointGrid(lat, lon, n, settings.exposureMiles());
        Map<Long, int[]> radar = new HashMap<>();
        Map<Long, LocalDate> radarLast = new HashMap<>();
        for (HailTile t : tiles) {
            if (t.day().isAfter(asOf) || t.day().isBefore(from)) {
                continue;
            }
            long key = tileKey(t.latitude(), t.longitude());
            radar.computeIfAbsent(key, k -> new int[1])[0] += t.detections();
            radarLast.merge(key, t.day(), (a, b) -> a.isAfter(b) ? a : b);
        }
        double radius = settings.exposureMiles();
        // Each home's features are its own and the indexes are read-only: the homes are analysed on every core.
        homes.parallelStream().forEach(h -> {
            h.clearExposure();
            double[] best = {0, 0};
            grid.within(h.latitude, h.longitude, radius, i -> {
                StormReport r = window.get(i);
                double miles = GeoPoint.miles(h.latitude, h.longitude, lat[i], lon[i]);
                long days = ChronoUnit.DAYS.between(r.reportDate(), asOf);
                if (r.kind() == StormKind.HAIL) {
                    h.hailReports++;
                    double inches = r.magnitude() == null ? 0.75 : r.magnitude().doubleValue();
                    double points = model.hailPoints(inches, miles, days);
                    if (Double.isNaN(h.hailInches) || points > best[0]) {
                        best[0] = points;
                        h.hailInches = inches;
                        h.hailOn = r.reportDate();
                        h.hailMiles = miles;
                    }
                } else {
                    boolean tornado = r.kind() == StormKind.TORNADO;
                    double knots = tornado ? TORNADO_KNOTS
                            : r.magnitude() == null ? UNKNOWN_WIND_KNOTS : r.magnitude().doubleValue();
                    double points = model.windPoints(knots, miles, days);
                    if (Double.isNaN(h.windKnots) || points > best[1]) {
                        best[1] = points;
                        h.windKnots = knots;
                        h.windOn = r.reportDate();
                        h.windMiles = miles;
                        h.tornado = tornado;
                    }
                }
            });
            long key = tileKey(h.latitude, h.longitude);
            int[] detections = radar.get(key);
            if (detections != null) {
                h.radarDetections = detections[0];
                h.radarOn = radarLast.get(key);
            }
        });
    }

    /** The 0.1-degree NEXRAD tile a point lies in (tiles are given by their centres, x.x5). */
    static long tileKey(double latitude, double longitude) {
        return ((long) Math.floor(latitude * 10) + 1_000) * 10_000 + ((long) Math.floor(longitude * 10) + 2_000);
    }

    private void roofAge(List<HomeFeatures> homes, List<Permit> permits, LocalDate asOf) {
        Map<String, List<Permit>> byAddress = new HashMap<>();
        for (Permit p : permits) {
            if (replacement(p) || newConstruction(p)) {
                byAddress.computeIfAbsent(key(p.address()), k -> new ArrayList<>()).add(p);
            }
        }
        Map<Long, List<Integer>> builtByCell = new HashMap<>();
        Map<HomeFeatures, Permit> last = new HashMap<>();
        for (HomeFeatures h : homes) {
            Permit p = lastReplacement(h, byAddress.get(h.addressKey == null ? "" : h.addressKey));
            if (p != null) {
                last.put(h, p);
            }
            // Only recorded years built: new-construction permits would make every neighbourhood look new.
            if (h.yearBuilt != null) {
                builtByCell.computeIfAbsent(h.h3r7, k -> new ArrayList<>()).add(h.yearBuilt);
            }
        }
        Map<Long, Integer> medianByCell = new HashMap<>();
        builtByCell.forEach((cell, years) -> {
            if (years.size() >= NEIGHBOURHOOD_MIN_HOMES) {
                int[] sorted = years.stream().mapToInt(Integer::intValue).sorted().toArray();
                medianByCell.put(cell, sorted[sorted.length / 2]);
            }
        });
        homes.parallelStream().forEach(h -> {
            Permit newest = last.get(h);
            h.recentlyReroofed = false;
            if (newest != null) {
                boolean built = newConstruction(newest);
                h.roofYear = day(newest).getYear();
                h.roofSource = built ? RoofAgeSource.NEW_CONSTRUCTION : RoofAgeSource.PERMIT;
                h.roofConfidence = built ? 0.85 : newest.category() == PermitCategory.REROOF ? 0.9 : 0.75;
                h.roofEvidence = newest.permitNumber();
                h.recentlyReroofed = ChronoUnit.YEARS.between(day(newest), asOf) < settings.recentReroofYears();
            } else if (h.yearBuilt != null && h.yearBuilt <= asOf.getYear()) {
                // An original roof is likely within an asphalt roof's life; past it, it may have been replaced unseen.
                h.roofYear = h.yearBuilt;
                h.roofSource = RoofAgeSource.YEAR_BUILT;
                h.roofConfidence = asOf.getYear() - h.yearBuilt <= 20 ? 0.6 : 0.35;
                h.roofEvidence = null;
            } else if (medianByCell.containsKey(h.h3r7)) {
                h.roofYear = medianByCell.get(h.h3r7);
                h.roofSource = RoofAgeSource.NEIGHBOURHOOD;
                h.roofConfidence = 0.2;
                h.roofEvidence = "median year built " + h.roofYear + " of " + builtByCell.get(h.h3r7).size()
                        + " homes nearby";
            } else {
                h.roofYear = null;
                h.roofSource = RoofAgeSource.UNKNOWN;
                h.roofConfidence = 0;
                h.roofEvidence = null;
            }
        });
    }

    private static @Nullable Permit lastReplacement(HomeFeatures h, @Nullable List<Permit> candidates) {
        if (candidates == null) {
            return null;
        }
        Permit last = null;
        for (Permit p : candidates) {
            if (!sameHouse(h, p)) {
                continue;
            }
            if (last == null || day(p).isAfter(day(last))) {
                last = p;
            }
        }
        return last;
    }

    /**
     * A permit at the home's street line is the home's unless its ZIP differs (when both have one) or it lies more
     * than half a mile away (when it has coordinates): the same street line in another town.
     */
    static boolean sameHouse(HomeFeatures h, Permit p) {
        if (h.postalCode != null && p.postalCode() != null && !zip5(h.postalCode).equals(zip5(p.postalCode()))) {
            return false;
        }
        return p.latitude() == null || p.longitude() == null
                || GeoPoint.miles(h.latitude, h.longitude, p.latitude(), p.longitude()) <= SAME_ADDRESS_MILES;
    }

    private void neighbours(List<HomeFeatures> homes, List<Permit> permits, LocalDate asOf) {
        LocalDate from = asOf.minusDays(365);
        List<Permit> recent = located(permits, from);
        double[] lat = recent.stream().mapToDouble(Permit::latitude).toArray();
        double[] lon = recent.stream().mapToDouble(Permit::longitude).toArray();
        String[] keys = recent.stream().map(p -> key(p.address())).toArray(String[]::new);
        PointGrid grid = new PointGrid(lat, lon, recent.size(), settings.neighbourMiles());
        homes.parallelStream().forEach(h -> {
            int[] count = {0};
            grid.within(h.latitude, h.longitude, settings.neighbourMiles(), i -> {
                if (!keys[i].equals(h.addressKey)) {
                    count[0]++;
                }
            });
            h.neighboursReroofed = count[0];
        });
    }

    private List<Wave> waves(List<HomeFeatures> homes, List<Permit> permits, LocalDate asOf) {
        List<Permit> recent = located(permits, asOf.minusDays(settings.waveDays()));
        int n = recent.size();
        double[] lat = recent.stream().mapToDouble(Permit::latitude).toArray();
        double[] lon = recent.stream().mapToDouble(Permit::longitude).toArray();
        Dbscan.Result result = Dbscan.run(lat, lon, n, settings.waveMiles(), settings.waveMinPermits());
        List<Wave> waves = summarise(recent, result.labels(), result.clusters());
        // A home is in a wave when a core permit of it lies within eps: the home is where the wave goes next.
        int cores = 0;
        for (boolean core : result.core()) {
            cores += core ? 1 : 0;
        }
        double[] cLat = new double[cores];
        double[] cLon = new double[cores];
        int[] cWave = new int[cores];
        for (int i = 0, k = 0; i < n; i++) {
            if (result.core()[i]) {
                cLat[k] = lat[i];
                cLon[k] = lon[i];
                cWave[k++] = result.labels()[i];
            }
        }
        PointGrid grid = new PointGrid(cLat, cLon, cores, settings.waveMiles());
        homes.parallelStream().forEach(h -> {
            int[] wave = {-1};
            grid.within(h.latitude, h.longitude, settings.waveMiles(), k -> {
                if (wave[0] < 0 || cWave[k] < wave[0]) {
                    wave[0] = cWave[k];
                }
            });
            h.waveSize = wave[0] < 0 ? 0 : waves.get(wave[0]).size();
            h.waveSince = wave[0] < 0 ? null : waves.get(wave[0]).first();
        });
        return waves;
    }

    /** Each cluster's size, centre, outline, date span and three busiest contractors; labels below 0 are noise. */
    static List<Wave> summarise(List<Permit> permits, int[] labels, int clusters) {
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= 0) {
                members.get(labels[i]).add(i);
            }
        }
        List<Wave> waves = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            List<Integer> m = members.get(c);
            double sLat = 0;
            double sLon = 0;
            LocalDate first = null;
            LocalDate last = null;
            Map<String, Integer> contractors = new HashMap<>();
            List<double[]> points = new ArrayList<>();
            for (int i : m) {
                Permit p = permits.get(i);
                sLat += p.latitude();
                sLon += p.longitude();
                LocalDate d = day(p);
                first = first == null || d.isBefore(first) ? d : first;
                last = last == null || d.isAfter(last) ? d : last;
                if (p.contractor() != null && !p.contractor().isBlank()) {
                    contractors.merge(p.contractor().strip(), 1, Integer::sum);
                }
                points.add(new double[] {p.longitude(), p.latitude()});
            }
            Map<String, Integer> top = new LinkedHashMap<>();
            contractors.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(3).forEach(e -> top.put(e.getKey(), e.getValue()));
            waves.add(new Wave(c, m.size(), sLat / m.size(), sLon / m.size(), ConvexHull.of(points),
                    Objects.requireNonNull(first), Objects.requireNonNull(last), top));
        }
        return waves;
    }

    private static void claims(List<HomeFeatures> homes, List<AreaClaims> claims, LocalDate asOf) {
        LocalDate from = asOf.minusDays(365);
        Map<String, int[]> all = new HashMap<>();
        Map<String, int[]> perils = new HashMap<>();
        for (AreaClaims c : claims) {
            if (!"ZIP".equalsIgnoreCase(c.areaType()) || c.periodEnd().isBefore(from) || c.periodStart().isAfter(asOf)) {
                continue;
            }
            ("ALL".equalsIgnoreCase(c.peril()) ? all : perils)
                    .computeIfAbsent(zip5(c.areaCode()), k -> new int[1])[0] += c.claims();
        }
        for (HomeFeatures h : homes) {
            String zip = h.postalCode == null ? "" : zip5(h.postalCode);
            int[] count = all.containsKey(zip) ? all.get(zip) : perils.get(zip);
            h.zipClaims = count == null ? -1 : count[0];
        }
    }

    static List<Permit> located(List<Permit> permits, LocalDate from) {
        return permits.stream()
                .filter(p -> replacement(p) && p.latitude() != null && p.longitude() != null && !day(p).isBefore(from))
                .sorted(Comparator.comparing(Analysis::day).thenComparing(Permit::permitNumber))
                .toList();
    }

    private static final java.util.regex.Pattern NEW_BUILD = java.util.regex.Pattern.compile(
            "(?i)\\bnew\\b.*\\b(building|residential|residence|dwelling|house|home|construction|single[ -]family)\\b"
                    + "|\\b(building|residential|residence|dwelling|house|home|construction|single[ -]family)\\b.*\\bnew\\b");
    private static final java.util.regex.Pattern NOT_A_HOUSE = java.util.regex.Pattern.compile(
            "(?i)\\b(sign|pool|fence|solar|tenant|accessory|demolition|electrical|plumbing|mechanical|gas|tree|"
                    + "finish[ -]out|shed|carport|deck|garage|addition|occupancy)(s|es)?\\b");

    /** A permit to build a new house or building: the roof is as old as the building. */
    static boolean newConstruction(Permit p) {
        String type = p.permitType() + " " + (p.subtype() == null ? "" : p.subtype());
        return !p.category().roofing() && NEW_BUILD.matcher(p.permitType()).find()
                && !NOT_A_HOUSE.matcher(type).find();
    }

    /** Re-roofs and storm repairs replace a roof; a repair permit does not reset its age. */
    static boolean replacement(Permit p) {
        return p.category() == PermitCategory.REROOF || p.category() == PermitCategory.STORM_REPAIR;
    }

    static @Nullable LocalDate day(Permit p) {
        return p.issuedOn() != null ? p.issuedOn() : p.filedOn();
    }

    private static String key(String address) {
        return dev.ridgeline.platform.Addresses.street(address).line();
    }

    static String zip5(String zip) {
        String z = zip.strip();
        return z.length() > 5 ? z.substring(0, 5) : z;
    }
}

package dev.ridgeline.insight.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.insight.ContractorShare;
import dev.ridgeline.signals.Permit;
import dev.ridgeline.signals.StormReport;

/** Who holds the roofing permits of an area and period, and who is working a storm. */
final class Competitors {

    private static final Pattern SUFFIX = Pattern.compile("\\b(LLC|L L C|INC|INCORPORATED|CO|COMPANY|CORP|"
            + "CORPORATION|LTD|LP|PLLC)\\b\\.?");
    private static final Pattern NOT_WORD = Pattern.compile("[^A-Z0-9 ]");

    private Competitors() {
    }

    /**
     * Contractors' roofing permits in {@code from..to} (of the ZIP when given), largest first, each with its share and
     * its count in the period of the same length just before.
     */
    static List<ContractorShare> shares(List<Permit> roofing, @Nullable String zip, LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        LocalDate previousFrom = from.minusDays(days);
        Predicate<Permit> inArea = p -> zip == null || p.postalCode() != null && p.postalCode().startsWith(zip);
        Map<String, int[]> now = new HashMap<>();
        Map<String, int[]> before = new HashMap<>();
        Map<String, Map<String, Integer>> spellings = new HashMap<>();
        int total = 0;
        for (Permit p : roofing) {
            LocalDate day = Analysis.day(p);
            if (day == null || !inArea.test(p) || p.contractor() == null || p.contractor().isBlank()) {
                continue;
            }
            String key = key(p.contractor());
            if (!day.isBefore(from) && !day.isAfter(to)) {
                now.computeIfAbsent(key, k -> new int[1])[0]++;
                spellings.computeIfAbsent(key, k -> new HashMap<>()).merge(p.contractor().strip(), 1, Integer::sum);
                total++;
            } else if (!day.isBefore(previousFrom) && day.isBefore(from)) {
                before.computeIfAbsent(key, k -> new int[1])[0]++;
            }
        }
        List<ContractorShare> out = new ArrayList<>();
        for (var e : now.entrySet()) {
            int count = e.getValue()[0];
            int previous = before.containsKey(e.getKey()) ? before.get(e.getKey())[0] : 0;
            // The spelling used most, the alphabetically first among equals.
            String name = null;
            int most = 0;
            for (var s : new java.util.TreeMap<>(spellings.get(e.getKey())).entrySet()) {
                if (s.getValue() > most) {
                    most = s.getValue();
                    name = s.getKey();
                }
            }
            out.add(new ContractorShare(java.util.Objects.requireNonNull(name), count, count / (double) total, previous,
                    previous == 0 ? null : (count - previous) / (double) previous));
        }
        out.sort(Comparator.comparingInt(ContractorShare::permits).reversed().thenComparing(ContractorShare::contractor));
        return out;
    }

    /**
     * Who is working a storm: contractors with roofing permits within {@code miles} of any of its reports, from the
     * storm's day to {@code days} after it.
     */
    static List<ContractorShare> workingStorm(List<Permit> roofing, List<StormReport> storm, LocalDate day,
            double miles, int days) {
        double[] lat = storm.stream().mapToDouble(StormReport::latitude).toArray();
        double[] lon = storm.stream().mapToDouble(StormReport::longitude).toArray();
        PointGrid grid = new PointGrid(lat, lon, lat.length, miles);
        List<Permit> near = new ArrayList<>();
        for (Permit p : roofing) {
            LocalDate d = Analysis.day(p);
            if (d == null || d.isBefore(day) || d.isAfter(day.plusDays(days)) || p.latitude() == null
                    || p.longitude() == null) {
                continue;
            }
            boolean[] hit = {false};
            grid.within(p.latitude(), p.longitude(), miles, i -> hit[0] = true);
            if (hit[0]) {
                near.add(p);
            }
        }
        return shares(near, null, day, day.plusDays(days));
    }

    /** One contractor however it is written: "Acme Roofing, LLC" and "ACME ROOFING LLC" are the same. */
    static String key(String contractor) {
        String upper = contractor.toUpperCase(Locale.ROOT).replace('&', ' ');
        String words = NOT_WORD.matcher(upper).replaceAll(" ");
        return SUFFIX.matcher(words).replaceAll(" ").replaceAll("\\s+", " ").strip();
    }
}

package dev.ridgeline.insight;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A re-roofing wave: a DBSCAN cluster of recent roof replacement permits, with its centre, outline (longitude,
 * latitude corners of the convex hull), size, date span and the contractors with the most permits in it.
 */
public record PermitWave(int number, int permits, double latitude, double longitude, List<double[]> hull,
        LocalDate first, LocalDate last, Map<String, Integer> topContractors) {
}

package dev.ridgeline.insight;

import java.util.List;

/**
 * Homes of one H3 cell, for the map when zoomed out: its centre and outline ({longitude, latitude} corners), how
 * many scored homes, their mean and top score.
 */
public record ScoreCell(long cell, double latitude, double longitude, List<double[]> outline, int homes,
        double meanScore, int topScore) {
}

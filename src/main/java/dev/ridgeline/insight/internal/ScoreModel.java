package dev.ridgeline.insight.internal;

import java.time.LocalDate;
import java.util.List;

import dev.ridgeline.insight.ScoreFactor;

/** Turns a home's evidence into a 0-100 score and the factors behind it: the prior model or a learned one. */
interface ScoreModel {

    String name();

    int score(HomeFeatures home, LocalDate asOf);

    /** The factors that gave at least one point, largest first, in plain words. */
    List<ScoreFactor> explain(HomeFeatures home, LocalDate asOf);
}

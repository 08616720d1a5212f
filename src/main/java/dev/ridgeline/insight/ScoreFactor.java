package dev.ridgeline.insight;

/** One part of a lead score: its points and, in plain words, the evidence behind them. */
public record ScoreFactor(FactorKind kind, int points, String words) {
}

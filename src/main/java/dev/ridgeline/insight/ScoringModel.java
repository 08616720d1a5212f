package dev.ridgeline.insight;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The model that scores a company's homes: the prior ("prior-1"), or one its own decided leads trained, with how
 * many outcomes it learned from and how well it fits them (AUC, Brier score: lower is better).
 */
public record ScoringModel(String name, boolean learned, int outcomes, int won, @Nullable Double auc,
        @Nullable Double brier, @Nullable Instant trainedAt, int outcomesNeeded) {
}

package dev.ridgeline.insight;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The model that scores a company's homes: the prior ("prior-1"), or one its own decided leads trained, with how
 * many outcomes it learned from and how well it did on those it had not seen (AUC; Brier score, lower is better;
 * both out of fold in a {@code folds}-fold cross-validation).
 *
 * @param method "prior", "logistic regression" or "gradient-boosted trees"
 * @param rival the other candidate judged in the same cross-validation, or null when only one was
 * @param rivalBrier its out-of-fold Brier score
 */
public record ScoringModel(String name, boolean learned, int outcomes, int won, @Nullable Double auc,
        @Nullable Double brier, @Nullable Instant trainedAt, int outcomesNeeded, String method, int folds,
        @Nullable String rival, @Nullable Double rivalBrier) {
}

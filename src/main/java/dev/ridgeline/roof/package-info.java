/** Roof analysis: the quality gate, the roof mask, the explainable detectors with their overlays, area, repair or replace, the estimate, change over time and urgency; the features and models. It owns schema {@code roof}. */
@NullMarked
package dev.ridgeline.roof;

import org.jspecify.annotations.NullMarked;

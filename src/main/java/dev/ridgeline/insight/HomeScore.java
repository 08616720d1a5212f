package dev.ridgeline.insight;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A home's lead score with its explanation.
 *
 * @param score 0-100; 0 for an excluded home
 * @param excluded why the home is kept out of outreach (a recent re-roof), or null
 * @param factors the factors that gave points, largest first
 * @param roofAgeYears the roof's estimated age at {@code asOf}, or null when unknown
 * @param asOf the day the data was read as of
 * @param model the model that scored it ("prior-1" until the company's own outcomes train one)
 */
public record HomeScore(UUID propertyId, String address, @Nullable String city, @Nullable String postalCode,
        double latitude, double longitude, int score, @Nullable String excluded, List<ScoreFactor> factors,
        @Nullable Integer roofAgeYears, RoofAgeSource roofAgeSource, LocalDate asOf, String model) {

    public HomeScore {
        factors = List.copyOf(factors);
    }

    /** Every factor on its own line with its points, for a tooltip: "+27 Hail: 1.75 in hail 0.6 mi away, ...". */
    public String factorLines() {
        return factors.stream().map(f -> "+" + f.points() + " " + f.kind().label() + ": " + f.words())
                .collect(Collectors.joining("\n"));
    }

    /** The top three factors in plain words, e.g. "1.75 in hail 0.6 mi away, 12 days ago; roof about 19 years old". */
    public String explanation() {
        if (excluded != null) {
            return excluded;
        }
        if (factors.isEmpty()) {
            return "no storm, roof age or neighbourhood evidence yet";
        }
        return factors.stream().limit(3).map(ScoreFactor::words).collect(Collectors.joining("; "));
    }
}

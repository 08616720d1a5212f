package dev.ridgeline.insight;

import java.time.YearMonth;
import java.util.List;

/**
 * Roofing permits per month in an area, decomposed (12-month centred moving average trend, seasonal index per
 * calendar month, remainder), with a forecast of the next months and its 95% interval.
 *
 * @param seasonal the seasonal index of each calendar month, January first (empty with under 24 months of data)
 */
public record MonthlyTrend(String area, List<Month> months, List<Double> seasonal, List<Forecast> forecast,
        String method) {

    /** One observed month: permits, and the trend there (null at the ends, where no centred average exists). */
    public record Month(YearMonth month, int permits, @org.jspecify.annotations.Nullable Double trend) {
    }

    /** One forecast month with the lower and upper bounds of its 95% interval (never below 0). */
    public record Forecast(YearMonth month, double permits, double low, double high) {
    }
}

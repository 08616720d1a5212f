package dev.ridgeline.signals;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** One convective day with reports: how many of each kind and the largest hail. */
public record StormDay(LocalDate date, long hail, long wind, long tornado, @Nullable BigDecimal largestHailInches) {

    public long total() {
        return hail + wind + tornado;
    }
}

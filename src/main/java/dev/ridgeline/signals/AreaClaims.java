package dev.ridgeline.signals;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** Insurance claims counted in an area (a ZIP or a census tract) over a period, for one peril or ALL. */
public record AreaClaims(String areaType, String areaCode, LocalDate periodStart, LocalDate periodEnd, String peril,
        int claims, @Nullable String source) {
}

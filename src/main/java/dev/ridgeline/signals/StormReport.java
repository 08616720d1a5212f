package dev.ridgeline.signals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A storm report.
 *
 * @param reportDate the SPC convective day (12Z to 11:59Z next day) the report belongs to
 * @param magnitude hail diameter in inches, wind speed in knots, or null (unknown speed, tornado)
 * @param magnitudeText as published: "175", "UNK", "EF2"
 * @param wfo the issuing NWS office, e.g. OUN
 */
public record StormReport(UUID id, StormKind kind, Instant occurredAt, LocalDate reportDate,
        @Nullable BigDecimal magnitude, String magnitudeText, @Nullable String location, @Nullable String county,
        @Nullable String state, double latitude, double longitude, @Nullable String comments, @Nullable String wfo,
        String source) {

    /** "1.75 in hail", "65 kt wind", "tornado (EF2)" */
    public String headline() {
        return switch (kind) {
            case HAIL -> magnitude == null ? "hail" : magnitude.stripTrailingZeros().toPlainString() + " in hail";
            case WIND -> magnitude == null ? "wind damage" : magnitude.stripTrailingZeros().toPlainString() + " kt wind";
            case TORNADO -> "UNK".equalsIgnoreCase(magnitudeText) ? "tornado" : "tornado (" + magnitudeText + ")";
        };
    }
}

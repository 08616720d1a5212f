package dev.ridgeline.imagery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** An image of a property as kept: what it shows, from where, when it was taken, and on what terms. */
public record StoredImage(UUID id, @Nullable UUID propertyId, Purpose purpose, String source, String sourceName,
        String product, @Nullable LocalDate capturedOn, @Nullable String capturePrecision,
        @Nullable Double resolutionMetres, int width, int height, @Nullable Double heading,
        @Nullable Double cameraLatitude, @Nullable Double cameraLongitude, String attribution, String licence,
        boolean synthetic, String contentType, String contentHash, Instant fetchedAt, @Nullable Instant expiresAt,
        @Nullable Double pixelMetres) {

    /** "June 2023", "14 Jun 2023", "2023" or "date not published". */
    public String captured() {
        if (capturedOn == null) {
            return "capture date not published";
        }
        return switch (capturePrecision == null ? "DAY" : capturePrecision) {
            case "YEAR" -> Integer.toString(capturedOn.getYear());
            case "MONTH" -> capturedOn.format(java.time.format.DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH));
            default -> capturedOn.format(java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH));
        };
    }

    /** "0.15 m/px" for aerial views, "heading 212°" for street views. */
    public String detail() {
        if (resolutionMetres != null) {
            return String.format(Locale.ROOT, "%.2f m a pixel", resolutionMetres);
        }
        return heading == null ? "" : String.format(Locale.ROOT, "camera heading %.0f°", heading);
    }
}

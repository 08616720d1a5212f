package dev.ridgeline.imagery;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One image wanted of one property.
 *
 * @param purpose what the image is for
 * @param latitude the building's centre (the footprint's centroid, else the home's location)
 * @param longitude see latitude
 * @param extentMetres the side of the square of ground to show (the footprint's size with a margin)
 * @param metresPerPixel the ground resolution wanted for an aerial crop
 * @param maxPixels the longest side of the image in pixels
 * @param outline the footprint's outer ring as {lat, lon} pairs, empty when there is none
 * @param takenBefore when set, only a capture on or before this day (the "before" of a storm)
 * @param takenAfter when set, only a capture on or after this day (the "after" of a storm)
 * @param propertyId the property, for the ledger
 */
public record ImageRequest(Purpose purpose, double latitude, double longitude, double extentMetres,
        double metresPerPixel, int maxPixels, List<double[]> outline, @Nullable LocalDate takenBefore,
        @Nullable LocalDate takenAfter, @Nullable UUID propertyId) {

    public ImageRequest {
        if (!(latitude >= -85 && latitude <= 85) || !(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("no image for a point outside the map: " + latitude + ", " + longitude);
        }
        if (!(extentMetres > 0) || !(metresPerPixel > 0) || maxPixels < 16) {
            throw new IllegalArgumentException("extent, resolution and size must be positive");
        }
        outline = List.copyOf(outline);
    }

    /** The same request limited to captures on or before a day. */
    public ImageRequest before(LocalDate day) {
        return new ImageRequest(purpose, latitude, longitude, extentMetres, metresPerPixel, maxPixels, outline, day,
                null, propertyId);
    }

    /** The same request limited to captures on or after a day. */
    public ImageRequest after(LocalDate day) {
        return new ImageRequest(purpose, latitude, longitude, extentMetres, metresPerPixel, maxPixels, outline, null,
                day, propertyId);
    }

    /** Whether a capture day fits the request's date limits (an unknown day fits only a request without them). */
    public boolean accepts(@Nullable LocalDate captured) {
        if (takenBefore == null && takenAfter == null) {
            return true;
        }
        if (captured == null) {
            return false;
        }
        return (takenBefore == null || !captured.isAfter(takenBefore))
                && (takenAfter == null || !captured.isBefore(takenAfter));
    }

    /** The pixel size of an aerial crop: the extent at the wanted resolution, at most {@link #maxPixels}. */
    public int cropPixels() {
        return (int) Math.max(64, Math.min(maxPixels, Math.round(extentMetres / metresPerPixel)));
    }
}

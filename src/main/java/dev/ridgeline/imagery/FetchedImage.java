package dev.ridgeline.imagery;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * An image a source answered with, and what is known of it.
 *
 * @param bytes the encoded image
 * @param contentType {@code image/png} or {@code image/jpeg}
 * @param width pixels
 * @param height pixels
 * @param capturedOn the capture day (the first of the month or year when only those are known), null if unknown
 * @param capturePrecision {@code DAY}, {@code MONTH} or {@code YEAR}; null when the date is unknown
 * @param resolutionMetres ground metres a pixel (aerial), null for street-level photos
 * @param heading the camera's heading in degrees from north (street-level), null otherwise
 * @param cameraLatitude where the camera stood (street-level)
 * @param cameraLongitude see cameraLatitude
 * @param sourceRef the source's own id of the capture (a panorama or image id), not a URL that expires
 * @param product the product billed or counted: {@code streetview-static}, {@code world-imagery-tiles}, ...
 * @param attribution the text to show beside the image, as the source's terms ask
 * @param licence the terms in a few words
 * @param synthetic whether the image is made up (the sandbox), so it is never taken for a photo
 * @param pixelMetres ground metres an image pixel spans (aerial): the scale to place the footprint on the image,
 *     which may be finer than {@code resolutionMetres}, the detail the source really has
 */
public record FetchedImage(byte[] bytes, String contentType, int width, int height, @Nullable LocalDate capturedOn,
        @Nullable String capturePrecision, @Nullable Double resolutionMetres, @Nullable Double heading,
        @Nullable Double cameraLatitude, @Nullable Double cameraLongitude, @Nullable String sourceRef, String product,
        String attribution, String licence, boolean synthetic, @Nullable Double pixelMetres) {

    /** An image whose pixels span exactly its resolution (or a street photo). */
    public FetchedImage(byte[] bytes, String contentType, int width, int height, @Nullable LocalDate capturedOn,
            @Nullable String capturePrecision, @Nullable Double resolutionMetres, @Nullable Double heading,
            @Nullable Double cameraLatitude, @Nullable Double cameraLongitude, @Nullable String sourceRef,
            String product, String attribution, String licence, boolean synthetic) {
        this(bytes, contentType, width, height, capturedOn, capturePrecision, resolutionMetres, heading, cameraLatitude,
                cameraLongitude, sourceRef, product, attribution, licence, synthetic, resolutionMetres);
    }

    /** The same image with the ground its pixels span. */
    public FetchedImage withPixelMetres(double metres) {
        return new FetchedImage(bytes, contentType, width, height, capturedOn, capturePrecision, resolutionMetres,
                heading, cameraLatitude, cameraLongitude, sourceRef, product, attribution, licence, synthetic, metres);
    }
}

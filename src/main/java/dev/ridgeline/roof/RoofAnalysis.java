package dev.ridgeline.roof;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What one image says about one roof, and what it cannot say.
 *
 * @param imageId the analysed image (imagery module)
 * @param width the image's pixels, for the overlays' coordinates
 * @param height see width
 * @param capturedOn when the image was taken
 * @param resolutionMetres ground metres a pixel
 * @param synthetic whether the image was made up (the sandbox): findings are then for demonstration only
 * @param quality the quality gate's checks; a refused check means the question it guards is not answered
 * @param roofOutline the roof's outline in image pixels {x, y}
 * @param findings what the detectors found, each with its boxes
 * @param notAssessed the questions this image cannot answer, and why
 * @param area the roof's area from the footprint and a pitch band
 * @param verdict repair, replace or nothing indicated, with the rules that decided it
 * @param estimate the cost as a range, with its assumptions
 * @param change what changed between a before and an after image, when there are both
 * @param urgency 0-100, for the lead score, with its reasons
 */
public record RoofAnalysis(UUID id, UUID propertyId, UUID imageId, int width, int height, @Nullable LocalDate capturedOn,
        double resolutionMetres, boolean synthetic, List<Check> quality, List<int[]> roofOutline, List<Finding> findings,
        List<String> notAssessed, Area area, Verdict verdict, Estimate estimate, @Nullable Change change, int urgency,
        List<String> urgencyReasons, @Nullable Integer roofAgeYears, String material, Instant analysedAt,
        double millis, @Nullable List<Classification> classifications) {

    /**
     * What a company's own model says of this roof: the label, or "unknown" below 60% confidence, the probability,
     * and the model's cross-validated accuracy on the labels it learnt from.
     */
    /**
     * What one of the company's models says of the roof; {@code model} names it ({@code built-in}, or the ONNX file's
     * name; absent in analyses made before models could be supplied).
     */
    public record Classification(String task, String label, double probability, int examples, double accuracy,
            @Nullable String model) {
    }

    /** The same analysis with the company's models' answers. */
    public RoofAnalysis withClassifications(List<Classification> found) {
        return new RoofAnalysis(id, propertyId, imageId, width, height, capturedOn, resolutionMetres, synthetic, quality,
                roofOutline, findings, notAssessed, area, verdict, estimate, change, urgency, urgencyReasons,
                roofAgeYears, material, analysedAt, millis, List.copyOf(found));
    }

    /** One check of the quality gate: what was measured, the limit, whether it passed, and what failing it stops. */
    public record Check(String name, String measured, String limit, boolean passed, String stops) {
    }

    /** A detector's finding: its kind, a score 0-1, the share of the roof, the area, and boxes {x, y, w, h}. */
    public record Finding(String kind, String label, double score, double roofShare, double areaM2, List<int[]> boxes,
            String evidence) {
    }

    /** The roof's area: footprint, pitch band and waste, in square feet and squares, low, expected and high. */
    public record Area(double footprintFt2, String pitch, double pitchLow, double pitchHigh, double waste,
            double squaresLow, double squaresExpected, double squaresHigh, String source) {
    }

    /** Repair, replace or nothing, with the rule that decided and every rule's reading. */
    public record Verdict(String decision, String because, List<String> rules) {
    }

    /** The cost as a range in dollars, with the assumptions behind it. */
    public record Estimate(long low, long high, String basis, List<String> assumptions) {
    }

    /** Change between two dated images of the roof. */
    public record Change(LocalDate before, LocalDate after, String finding, double changedShare, List<int[]> cells) {
    }

    public @Nullable Finding finding(String kind) {
        return findings.stream().filter(f -> f.kind().equals(kind)).findFirst().orElse(null);
    }
}

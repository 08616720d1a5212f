package dev.ridgeline.roof;

import java.time.Instant;
import java.util.UUID;

/**
 * One of a company's roof models as the pages list it: built in (trained here on its labels) or supplied as ONNX,
 * measured on the company's own labelled roofs, and whether it is the one in use for its task.
 *
 * @param kind {@code built-in} or {@code onnx}
 * @param name what it is called (the uploaded file's name for ONNX models)
 * @param examples the labelled roofs it was measured on
 * @param labels the labels among them, with counts
 * @param accuracy its share right on those roofs (roofs it had not learnt from)
 * @param inUse whether analyses use it; one model per task at most
 * @param note why it is or is not in use
 */
public record TrainedModel(UUID id, String task, String kind, String name, int examples, String labels,
        double accuracy, boolean inUse, String note, Instant trainedAt) {
}

package dev.ridgeline.signals;

import java.time.LocalDate;

/** A 0.1-degree tile's count of NEXRAD hail signatures on one UTC day: a swath proxy, not a ground report. */
public record HailTile(LocalDate day, double latitude, double longitude, int detections) {
}

package dev.ridgeline.signals;

/** A storm report and how far it was from the place asked about, in statute miles. */
public record NearbyStorm(StormReport report, double miles) {
}

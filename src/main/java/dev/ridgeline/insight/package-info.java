/**
 * Lead intelligence: what the signals and the property graph say about each home. Storm exposure (every hail and
 * wind report within a radius, the strongest by score, radar hail signatures), roof age with its source and
 * confidence, neighbours' re-roofing and re-roofing waves (DBSCAN over roofing permits), area insurance claims, and
 * from them a 0-100 lead score whose every point is explained. Homes re-roofed recently are excluded before money
 * is spent on them. It reads homes through {@code property} and signals through {@code signals}, and owns schema
 * {@code insight}.
 */
@NullMarked
package dev.ridgeline.insight;

import org.jspecify.annotations.NullMarked;

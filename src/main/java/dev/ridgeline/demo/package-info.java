/**
 * The demo region: real public data shipped in the jar (NOAA SPC reports, OpenStreetMap footprints of an Atlanta
 * neighbourhood, Nashville permits) and fictitious homeowners, loaded into a company through the ordinary imports,
 * so a new install's map and lists are alive at once. Owns no tables.
 */
@NullMarked
package dev.ridgeline.demo;

import org.jspecify.annotations.NullMarked;

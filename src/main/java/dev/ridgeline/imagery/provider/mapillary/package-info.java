/** Mapillary's crowd-sourced street-level photos (API v4). */
@NullMarked
package dev.ridgeline.imagery.provider.mapillary;

import org.jspecify.annotations.NullMarked;

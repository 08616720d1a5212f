/** USDA NAIP aerial imagery from the USGS National Map ImageServer. */
@NullMarked
package dev.ridgeline.imagery.provider.usgs;

import org.jspecify.annotations.NullMarked;

/** Esri World Imagery tiles, stitched into roof crops. */
@NullMarked
package dev.ridgeline.imagery.provider.esri;

import org.jspecify.annotations.NullMarked;

/** OpenStreetMap's standard tiles for the base map, under the OSMF tile usage policy. */
@NullMarked
package dev.ridgeline.imagery.provider.osm;

import org.jspecify.annotations.NullMarked;

/** The imagery pages: the views of a home, the images, the map tiles, the spend page. */
@NullMarked
package dev.ridgeline.imagery.web;

import org.jspecify.annotations.NullMarked;

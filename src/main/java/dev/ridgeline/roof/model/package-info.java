/** Roof classifiers: labelled image folders, training and block-split evaluation with a location-only baseline. */
@NullMarked
package dev.ridgeline.roof.model;

import org.jspecify.annotations.NullMarked;

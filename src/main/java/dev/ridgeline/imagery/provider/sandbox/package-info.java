/** The offline imagery source: drawn images with realistic metadata, marked synthetic. */
@NullMarked
package dev.ridgeline.imagery.provider.sandbox;

import org.jspecify.annotations.NullMarked;

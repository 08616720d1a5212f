/** Google Street View Static and Maps Static satellite imagery, with signed URLs. */
@NullMarked
package dev.ridgeline.imagery.provider.google;

import org.jspecify.annotations.NullMarked;

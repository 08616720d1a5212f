/** The imagery module's implementation: HTTP, image coding, tile stitching, the stores, the repository and the budgets. */
@NullMarked
package dev.ridgeline.imagery.internal;

import org.jspecify.annotations.NullMarked;

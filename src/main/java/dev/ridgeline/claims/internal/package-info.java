@NullMarked
package dev.ridgeline.claims.internal;

import org.jspecify.annotations.NullMarked;

@NullMarked
package dev.ridgeline.claims.web;

import org.jspecify.annotations.NullMarked;

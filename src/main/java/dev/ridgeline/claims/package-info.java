/**
 * Insurance claims: a lead's claim with its carrier, adjuster, status, money (checked arithmetic), supplements and
 * deadlines from the date of loss, tied to the storm report that matches it, to the pipeline and to the AI calls.
 * It owns schema {@code claims}.
 */
@NullMarked
package dev.ridgeline.claims;

import org.jspecify.annotations.NullMarked;

/**
 * The sales pipeline: leads, their stage, the rep who owns each, and an activity timeline. Reps see and work their
 * own leads; managers and owners see every lead of the company. It owns schema {@code leads}; it asks
 * {@code identity} whether an assignee belongs to the company.
 */
@NullMarked
package dev.ridgeline.leads;

import org.jspecify.annotations.NullMarked;

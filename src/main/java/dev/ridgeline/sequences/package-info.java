/**
 * Sequences: multi-step, multi-channel outreach that works a lead without a person remembering to. A sequence is a
 * list of steps (an email from a template, a text, a call, a task for a rep), each after a delay in the
 * recipient's time zone and under a condition; a lead is enrolled by hand or by a trigger and leaves when it
 * replies on any channel, books, is won or lost, opts out or bounces, or runs out of steps. The engine is durable
 * on PostgreSQL and safe with several nodes: each step's intent is recorded with an idempotency key before the
 * channel is asked, so a crash repeats nothing and loses nothing. It owns schema {@code sequences}; it sends only
 * through {@code outreach} (whose compliance checks apply to every touch), reads leads from {@code leads}, the
 * homeowner's addresses from {@code property} and acts as the enrolling user from {@code identity}.
 */
@NullMarked
package dev.ridgeline.sequences;

import org.jspecify.annotations.NullMarked;

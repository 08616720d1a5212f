/**
 * Outbound email, SMS and calls: the channel provider interfaces, the sandbox that is the default on a fresh
 * install, and the Outbox where every message is written before it is sent and its status history kept. Later it
 * holds templates, compliance, tracking and the inbox. It owns schema {@code outreach}.
 */
@NullMarked
package dev.ridgeline.outreach;

import org.jspecify.annotations.NullMarked;

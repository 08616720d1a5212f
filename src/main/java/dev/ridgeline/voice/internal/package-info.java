/** The voice module's plumbing: TwiML, the provider's reports, the channel's status events. */
@NullMarked
package dev.ridgeline.voice.internal;

import org.jspecify.annotations.NullMarked;

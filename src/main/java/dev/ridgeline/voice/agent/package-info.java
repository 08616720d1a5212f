/** The qualification dialogue and the understanding of what a caller says, free of any telephony. */
@NullMarked
package dev.ridgeline.voice.agent;

import org.jspecify.annotations.NullMarked;

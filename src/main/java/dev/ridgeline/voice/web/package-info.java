/** The calls card on the lead page, the call page (with the sandbox's callee), and Twilio's call webhooks. */
@NullMarked
package dev.ridgeline.voice.web;

import org.jspecify.annotations.NullMarked;

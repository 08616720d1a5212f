/**
 * What a text message costs before it is sent: its encoding (GSM-7 or UCS-2), how many segments a carrier bills,
 * and a rewrite that keeps a message in GSM-7 when only typography pushed it out.
 */
@NamedInterface("sms")
@NullMarked
package dev.ridgeline.outreach.sms;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;

/**
 * What comes back after an email: delivery status notifications (RFC 3464) and the free-text failure notices of
 * mail systems that send none, auto-replies (RFC 3834) and complaint reports (ARF, RFC 5965), read into one failed
 * recipient each, with an enhanced status code, hard or soft, and a reason.
 */
@NullMarked
package dev.ridgeline.outreach.bounce;

import org.jspecify.annotations.NullMarked;

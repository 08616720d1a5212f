package dev.ridgeline.outreach;

import java.util.Optional;
import java.util.UUID;

import dev.ridgeline.platform.TenantId;

/**
 * For a call that rings someone else before the recipient (click-to-call: the rep's phone first, then the lead's),
 * the number to dial first. The voice channel still checks consent, do-not-call lists and calling hours against the
 * recipient, the person the call is for. Implemented by the module that asked for the call.
 */
public interface CallFirst {

    Optional<String> dialFirst(TenantId tenant, UUID messageId);
}

package dev.ridgeline.outreach;

import org.jspecify.annotations.Nullable;

/**
 * What a provider answered when it accepted a message: its own id for it (kept beside ours), the status it
 * reported, and for SMS the billed segments when known.
 */
public record ProviderReceipt(String vendorId, MessageStatus status, @Nullable Integer segments) {
}

package dev.ridgeline.outreach;

import org.jspecify.annotations.Nullable;

/**
 * What a provider answered when it accepted a message: its own id for it (kept beside ours), the status it
 * reported, for SMS the billed segments when known, and for mailbox APIs the conversation it joined (Gmail
 * threadId, Graph conversationId).
 */
public record ProviderReceipt(String vendorId, MessageStatus status, @Nullable Integer segments,
        @Nullable String threadId) {

    public ProviderReceipt(String vendorId, MessageStatus status, @Nullable Integer segments) {
        this(vendorId, status, segments, null);
    }
}

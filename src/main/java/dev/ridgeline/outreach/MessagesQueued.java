package dev.ridgeline.outreach;

import java.util.List;
import java.util.UUID;

import dev.ridgeline.platform.TenantId;

/**
 * Many messages of a company were recorded together (a batch of sequence steps) and will be handed to their
 * providers together once the recording transaction commits: one event, not one a message.
 */
public record MessagesQueued(TenantId tenantId, List<UUID> messageIds) {

    public MessagesQueued {
        messageIds = List.copyOf(messageIds);
    }
}

package dev.ridgeline.outreach;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;

/**
 * A homeowner answered one of the company's messages. Sequences stop for the recipient; the rep who sent it is told.
 *
 * @param sentBy the user the answered message was sent for, if any
 */
public record MessageReplied(TenantId tenantId, UUID messageId, UUID replyId, Channel channel, String from,
        @Nullable UserId sentBy) {

    @Override
    public String toString() {
        return "MessageReplied[" + tenantId + " message " + messageId + " reply " + replyId + "]";
    }
}

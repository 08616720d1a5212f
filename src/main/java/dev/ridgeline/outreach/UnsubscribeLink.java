package dev.ridgeline.outreach;

import java.util.UUID;

import dev.ridgeline.platform.TenantId;

/** What an unsubscribe token names: the company, the recipient and the message it came in. */
public record UnsubscribeLink(TenantId tenantId, String address, UUID messageId) {

    @Override
    public String toString() {
        // The address is personal data: keep it out of logs.
        return "UnsubscribeLink[" + tenantId + " message " + messageId + "]";
    }
}

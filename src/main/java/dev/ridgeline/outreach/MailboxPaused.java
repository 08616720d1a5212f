package dev.ridgeline.outreach;

import java.util.UUID;

import dev.ridgeline.platform.TenantId;

/** A sending mailbox was paused because its bounce or complaint rate passed the limit; its owners are told. */
public record MailboxPaused(TenantId tenantId, UUID connectionId, String reason) {
}

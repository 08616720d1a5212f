-- Gmail and Microsoft Graph mailboxes.

-- The vendor's conversation a sent message belongs to (Gmail threadId, Graph conversationId): a reply in that
-- thread is matched even when the mail program dropped In-Reply-To and References.
alter table outreach.message add column vendor_thread_id text;
create index message_vendor_thread_idx on outreach.message (tenant_id, provider_id, vendor_thread_id)
    where vendor_thread_id is not null;

-- Where reading a mailbox got to when it is not a UID: the Gmail historyId (in last_uid), the Graph delta link.
alter table outreach.mailbox_cursor add column delta_link text;

-- Microsoft Graph change-notification subscriptions, one per mailbox; renewed before they expire (under 7 days).
create table outreach.mailbox_subscription (
    tenant_id       uuid        not null,
    connection_id   uuid        not null,
    subscription_id text        not null unique,
    expires_at      timestamptz not null,
    created_at      timestamptz not null,
    primary key (tenant_id, connection_id)
);

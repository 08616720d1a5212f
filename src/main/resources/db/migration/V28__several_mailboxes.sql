-- A company may send from several mailboxes at once (rotation); every other capability keeps one active provider.
drop index connections.connection_active_type_uq;
create unique index connection_active_type_uq on connections.connection (tenant_id, type)
    where status = 'ACTIVE' and type <> 'EMAIL';

-- The mailbox that last wrote to an address writes to it again (a homeowner hears from one sender).
create index message_recipient_idx on outreach.message (tenant_id, lower(to_address), created_at desc)
    where channel = 'EMAIL' and connection_id is not null;

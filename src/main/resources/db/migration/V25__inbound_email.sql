-- outreach: replies that came back to the company's messages.
create table outreach.inbound_message (
    tenant_id           uuid        not null,
    id                  uuid        not null,
    channel             text        not null check (channel in ('EMAIL', 'SMS')),
    reply_to_message_id uuid,
    from_address        text        not null,
    subject             text,
    body                text        not null,
    external_id         text,
    received_at         timestamptz not null,
    read_at             timestamptz,
    source              text        not null,
    primary key (tenant_id, id)
);
create unique index inbound_external_uq on outreach.inbound_message (tenant_id, external_id) where external_id is not null;
create index inbound_time_idx on outreach.inbound_message (tenant_id, received_at desc);
create index inbound_reply_idx on outreach.inbound_message (tenant_id, reply_to_message_id);

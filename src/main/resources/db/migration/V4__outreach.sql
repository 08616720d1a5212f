-- outreach: every outbound email, text and call, written before it is sent, with its status history.

create table outreach.message (
    tenant_id        uuid        not null,
    id               uuid        not null,
    channel          text        not null check (channel in ('EMAIL', 'SMS', 'VOICE')),
    purpose          text        not null,
    idempotency_key  text        not null,
    provider_id      text        not null,
    vendor_id        text,
    from_address     text,
    to_address       text        not null,
    subject          text,
    body             text        not null,
    status           text        not null,
    failure_class    text,
    failure_code     text,
    failure_reason   text,
    segments         int,
    duration_seconds int,
    created_by       uuid,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    primary key (tenant_id, id)
);
create unique index message_idempotency_uq on outreach.message (tenant_id, idempotency_key);
create unique index message_vendor_uq on outreach.message (provider_id, vendor_id) where vendor_id is not null;
create index message_tenant_time_idx on outreach.message (tenant_id, created_at desc);

create table outreach.message_status_change (
    tenant_id   uuid        not null,
    message_id  uuid        not null,
    seq         bigint generated always as identity,
    status      text        not null,
    detail      text,
    occurred_at timestamptz not null,
    primary key (tenant_id, message_id, seq),
    foreign key (tenant_id, message_id) references outreach.message (tenant_id, id) on delete cascade
);

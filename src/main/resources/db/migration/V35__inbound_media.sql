-- Pictures and files sent with an inbound text (MMS): the provider's URL as received, then the bytes once fetched
-- with the company's credentials (provider media URLs need them, and expire), so the conversation keeps them.
create table outreach.inbound_media (
    tenant_id    uuid        not null,
    reply_id     uuid        not null,
    position     int         not null check (position between 0 and 9),
    content_type text        not null,
    source_url   text        not null,
    status       text        not null default 'PENDING' check (status in ('PENDING', 'STORED', 'FAILED')),
    attempts     int         not null default 0,
    next_try_at  timestamptz not null,
    size_bytes   int,
    bytes        bytea,
    error        text,
    fetched_at   timestamptz,
    primary key (tenant_id, reply_id, position),
    foreign key (tenant_id, reply_id) references outreach.inbound_message (tenant_id, id) on delete cascade
);
create index inbound_media_pending_idx on outreach.inbound_media (next_try_at) where status = 'PENDING';

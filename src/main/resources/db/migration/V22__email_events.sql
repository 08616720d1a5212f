-- outreach: what recipients did with an email (opens, clicks) and the provider events already applied.

create table outreach.email_event (
    tenant_id   uuid        not null,
    id          uuid        not null,
    message_id  uuid        not null,
    kind        text        not null check (kind in ('OPEN', 'CLICK')),
    -- An open by a machine (Apple Mail Privacy Protection, a scanner) rather than a person.
    machine     boolean     not null default false,
    url         text,
    user_agent  text,
    source      text        not null,
    occurred_at timestamptz not null,
    primary key (tenant_id, id)
);
create index email_event_message_idx on outreach.email_event (tenant_id, message_id, kind);

-- Webhook events applied, by the provider's own event id: vendors deliver at least once.
create table outreach.provider_event (
    provider_id text        not null,
    event_id    text        not null,
    received_at timestamptz not null,
    primary key (provider_id, event_id)
);

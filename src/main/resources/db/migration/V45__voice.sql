-- The voice module: AI qualification calls placed through the outreach voice channel, their dialogue state, transcript,
-- outcome and recording; the inspection appointments they book; each company's agent settings.
create schema if not exists voice;

create table voice.call (
    tenant_id      uuid        not null,
    id             uuid        not null,
    message_id     uuid        not null,
    lead_id        uuid        not null,
    kind           text        not null check (kind in ('agent', 'click_to_call')),
    rep_phone      text,
    script         text        not null default 'friendly',
    to_number      text        not null,
    requested_by   uuid        not null,
    requested_role text        not null,
    status         text        not null default 'queued',
    answered_by    text,
    vendor_sid     text,
    turn           integer     not null default 0,
    state          jsonb,
    offered        jsonb       not null default '[]',
    last_reply     text,
    transcript     jsonb       not null default '[]',
    outcome        jsonb,
    summary        text,
    recording_sid  text,
    recording_url  text,
    recording_seconds integer,
    created_at     timestamptz not null,
    answered_at    timestamptz,
    ended_at       timestamptz,
    primary key (tenant_id, id)
);
create unique index call_message_idx on voice.call (tenant_id, message_id);
create index call_lead_idx on voice.call (tenant_id, lead_id, created_at desc);

create table voice.appointment (
    tenant_id   uuid        not null,
    id          uuid        not null,
    lead_id     uuid        not null,
    rep_id      uuid,
    starts_at   timestamptz not null,
    minutes     integer     not null,
    source      text        not null,
    call_id     uuid,
    created_at  timestamptz not null,
    primary key (tenant_id, id)
);
create index appointment_rep_idx on voice.appointment (tenant_id, rep_id, starts_at);

create table voice.settings (
    tenant_id   uuid primary key,
    settings    jsonb       not null,
    updated_at  timestamptz not null
);

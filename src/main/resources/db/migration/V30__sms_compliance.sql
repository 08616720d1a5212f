-- SMS: phone numbers that may not be texted or called for marketing, and replies a person must read.

-- A number that said stop (any reasonable means, any channel), or that cannot take texts (invalid, landline).
create table outreach.phone_block (
    tenant_id  uuid        not null,
    phone      text        not null,
    kind       text        not null check (kind in ('OPTED_OUT', 'UNUSABLE')),
    code       text,
    source     text        not null,
    body       text,
    created_at timestamptz not null,
    primary key (tenant_id, phone, kind)
);

-- Replies that may be an opt-out ("not interested"): a person decides; until then nothing more is sent to them.
create table outreach.opt_out_review (
    tenant_id   uuid        not null,
    id          uuid        not null,
    phone       text        not null,
    body        text        not null,
    confidence  double precision not null,
    received_at timestamptz not null,
    decided_at  timestamptz,
    decision    text check (decision in ('OPT_OUT', 'NOT_OPT_OUT')),
    primary key (tenant_id, id)
);
create index opt_out_review_open_idx on outreach.opt_out_review (tenant_id, received_at) where decided_at is null;

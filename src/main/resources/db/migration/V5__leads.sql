-- leads: the sales pipeline. Later issues add scores and reasons; this is the shape every page works on.

create table leads.lead (
    tenant_id      uuid        not null,
    id             uuid        not null,
    address        text        not null,
    city           text,
    region         text,
    postal_code    text,
    homeowner_name text,
    latitude       double precision,
    longitude      double precision,
    stage          text        not null,
    owner_id       uuid,
    source         text        not null,
    notes          text,
    created_by     uuid,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    primary key (tenant_id, id)
);
create index lead_owner_idx on leads.lead (tenant_id, owner_id);

create table leads.lead_activity (
    tenant_id   uuid        not null,
    lead_id     uuid        not null,
    seq         bigint generated always as identity,
    actor_id    uuid,
    kind        text        not null,
    text        text        not null,
    occurred_at timestamptz not null,
    primary key (tenant_id, lead_id, seq),
    foreign key (tenant_id, lead_id) references leads.lead (tenant_id, id) on delete cascade
);

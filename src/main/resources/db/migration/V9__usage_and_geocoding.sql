-- The usage and cost ledger of external providers (connections), and the geocoding cache (property).

create table connections.usage_event (
    tenant_id   uuid           not null,
    id          uuid           not null,
    provider    text           not null,
    operation   text           not null,
    units       bigint         not null check (units >= 0),
    cost_usd    numeric(14, 6) not null default 0,
    detail      text,
    occurred_at timestamptz    not null,
    primary key (tenant_id, id)
);
create index usage_event_time_idx on connections.usage_event (tenant_id, occurred_at);

create table property.geocode_cache (
    tenant_id   uuid             not null,
    query_key   text             not null,
    found       boolean          not null,
    latitude    double precision,
    longitude   double precision,
    accuracy    text,
    matched     text,
    provider    text             not null,
    created_at  timestamptz      not null,
    primary key (tenant_id, query_key)
);

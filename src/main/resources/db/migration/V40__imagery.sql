-- imagery: the images of each property (metadata; the bytes are in the content-addressed store), the map-tile
-- cache, the usage and cost ledger of every call to an imagery source, the company's budgets and quotas, and the
-- budget alerts raised.
create schema if not exists imagery;

create table imagery.image (
    tenant_id         uuid not null,
    id                uuid not null,
    property_id       uuid,
    purpose           text not null,
    source            text not null,
    product           text not null,
    captured_on       date,
    capture_precision text,
    resolution_m      double precision,
    width             integer not null,
    height            integer not null,
    heading           double precision,
    camera_lat        double precision,
    camera_lon        double precision,
    source_ref        text,
    attribution       text not null,
    licence           text not null,
    synthetic         boolean not null default false,
    content_hash      text not null,
    content_type      text not null,
    bytes             integer not null,
    date_limit        text not null default '',
    fetched_at        timestamptz not null,
    expires_at        timestamptz,
    primary key (tenant_id, id)
);
create index image_property_idx on imagery.image (tenant_id, property_id, purpose, date_limit, fetched_at desc);
create index image_expiry_idx on imagery.image (expires_at) where expires_at is not null;
create index image_hash_idx on imagery.image (content_hash);

-- Map tiles are public map content, not a company's data: one cache for the installation.
create table imagery.tile (
    source       text not null,
    z            integer not null,
    x            integer not null,
    y            integer not null,
    content_hash text not null,
    content_type text not null,
    fetched_at   timestamptz not null,
    expires_at   timestamptz not null,
    primary key (source, z, x, y)
);
create index tile_hash_idx on imagery.tile (content_hash);

create table imagery.ledger (
    tenant_id   uuid not null,
    id          uuid not null,
    source      text not null,
    product     text not null,
    purpose     text,
    units       integer not null,
    unit_price  numeric(12, 6) not null,
    cost_usd    numeric(14, 6) not null,
    property_id uuid,
    -- RESERVED while a paid call is under way (counted against the budget), BILLED once made.
    status      text not null default 'BILLED',
    occurred_at timestamptz not null,
    primary key (tenant_id, id)
);
create index ledger_month_idx on imagery.ledger (tenant_id, occurred_at);
create index ledger_property_idx on imagery.ledger (tenant_id, property_id) where property_id is not null;

-- A company's monthly budget (dollars) and daily quota (paid images) per source; source '*' is the overall budget.
create table imagery.budget (
    tenant_id   uuid not null,
    source      text not null,
    monthly_usd numeric(12, 2),
    daily_quota integer,
    updated_at  timestamptz not null,
    primary key (tenant_id, source),
    check (monthly_usd is null or monthly_usd >= 0),
    check (daily_quota is null or daily_quota >= 0)
);

create table imagery.budget_alert (
    tenant_id  uuid not null,
    scope      text not null,
    month      text not null,
    threshold  integer not null,
    spent_usd  numeric(14, 6) not null,
    budget_usd numeric(12, 2) not null,
    raised_at  timestamptz not null,
    primary key (tenant_id, scope, month, threshold)
);
create index ledger_source_month_idx on imagery.ledger (source, occurred_at);

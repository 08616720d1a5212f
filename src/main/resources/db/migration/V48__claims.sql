-- The claims module: a lead's insurance claim (carrier, adjuster, status, money, deadlines, the storm report that
-- matches its date of loss), its supplement line items, its status history, and each company's filing windows.
create schema if not exists claims;

create table claims.claim (
    tenant_id        uuid          not null,
    id               uuid          not null,
    lead_id          uuid          not null,
    carrier          text,
    policy_number    text,
    claim_number     text,
    date_of_loss     date,
    cause            text          not null default 'hail' check (cause in ('hail', 'wind', 'tornado', 'other')),
    storm_report_id  uuid,
    storm_miles      double precision,
    storm_headline   text,
    adjuster_name    text,
    adjuster_company text,
    adjuster_phone   text,
    adjuster_email   text,
    adjuster_meeting timestamptz,
    status           text          not null,
    status_since     timestamptz   not null,
    decided_on       date,
    rcv              numeric(12,2) not null default 0,
    acv              numeric(12,2) not null default 0,
    dep_recoverable  numeric(12,2) not null default 0,
    dep_nonrecoverable numeric(12,2) not null default 0,
    overhead_profit  numeric(12,2) not null default 0,
    deductible       numeric(12,2) not null default 0,
    paid_by_carrier  numeric(12,2) not null default 0,
    paid_by_homeowner numeric(12,2) not null default 0,
    source           text          not null,
    created_at       timestamptz   not null,
    updated_at       timestamptz   not null,
    primary key (tenant_id, id)
);
create unique index claim_lead_idx on claims.claim (tenant_id, lead_id);
create unique index claim_number_idx on claims.claim (tenant_id, carrier, claim_number) where claim_number is not null;
create index claim_status_idx on claims.claim (tenant_id, status);

create table claims.status_change (
    tenant_id  uuid        not null,
    claim_id   uuid        not null,
    from_status text,
    to_status  text        not null,
    note       text,
    actor_id   uuid,
    at         timestamptz not null
);
create index status_change_claim_idx on claims.status_change (tenant_id, claim_id, at);

create table claims.supplement (
    tenant_id    uuid          not null,
    id           uuid          not null,
    claim_id     uuid          not null,
    description  text          not null,
    quantity     numeric(12,2) not null,
    unit         text          not null,
    unit_price   numeric(12,2) not null,
    reason       text,
    status       text          not null check (status in ('requested', 'approved', 'denied')),
    approved_quantity numeric(12,2),
    status_since timestamptz   not null,
    created_at   timestamptz   not null,
    primary key (tenant_id, id)
);
create index supplement_claim_idx on claims.supplement (tenant_id, claim_id);

create table claims.filing_window (
    tenant_id         uuid    not null,
    state             text    not null,
    filing_days       integer not null check (filing_days between 30 and 3650),
    depreciation_days integer not null check (depreciation_days between 30 and 3650),
    primary key (tenant_id, state)
);

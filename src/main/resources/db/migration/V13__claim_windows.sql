-- How long after the date of loss a homeowner in a state may file an insurance claim, as the company knows it for
-- its market (policies and states differ; the app assumes a conservative 365 days where a state is not listed).
create table insight.claim_window (
    tenant_id  uuid        not null,
    state      text        not null check (state ~ '^[A-Z]{2}$'),
    days       int         not null check (days between 30 and 3650),
    note       text,
    updated_at timestamptz not null,
    primary key (tenant_id, state)
);

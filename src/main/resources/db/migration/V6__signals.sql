-- signals: imports of public and customer data (each with its per-row errors) and storm reports.

create table signals.import_run (
    tenant_id   uuid        not null,
    id          uuid        not null,
    kind        text        not null,
    file_name   text        not null,
    status      text        not null check (status in ('RUNNING', 'DONE', 'FAILED')),
    read_rows   bigint      not null default 0,
    stored      bigint      not null default 0,
    updated     bigint      not null default 0,
    unchanged   bigint      not null default 0,
    rejected    bigint      not null default 0,
    failure     text,
    created_by  uuid,
    started_at  timestamptz not null,
    finished_at timestamptz,
    primary key (tenant_id, id)
);
create index import_run_time_idx on signals.import_run (tenant_id, started_at desc);

create table signals.import_error (
    tenant_id   uuid   not null,
    import_id   uuid   not null,
    line        bigint not null,
    column_name text,
    reason      text   not null,
    primary key (tenant_id, import_id, line, reason),
    foreign key (tenant_id, import_id) references signals.import_run (tenant_id, id) on delete cascade
);

create table signals.storm_report (
    tenant_id      uuid             not null,
    id             uuid             not null,
    kind           text             not null check (kind in ('HAIL', 'WIND', 'TORNADO')),
    occurred_at    timestamptz      not null,
    report_date    date             not null,
    magnitude      numeric(6, 2),
    magnitude_text text             not null,
    location       text,
    county         text,
    state          text,
    latitude       double precision not null,
    longitude      double precision not null,
    h3_r7          bigint           not null,
    comments       text,
    wfo            text,
    source         text             not null,
    import_id      uuid,
    created_at     timestamptz      not null,
    updated_at     timestamptz      not null,
    primary key (tenant_id, id)
);
-- The natural key of an SPC report: its time, place, kind and magnitude. Re-importing a file changes nothing.
create unique index storm_report_natural_uq
    on signals.storm_report (tenant_id, kind, occurred_at, latitude, longitude, magnitude_text);
create index storm_report_day_idx on signals.storm_report (tenant_id, report_date);
create index storm_report_cell_idx on signals.storm_report (tenant_id, h3_r7);

create table signals.permit (
    tenant_id       uuid        not null,
    id              uuid        not null,
    source          text        not null,
    permit_number   text        not null,
    permit_type     text        not null,
    subtype         text,
    description     text,
    address         text        not null,
    address_key     text        not null,
    unit            text,
    city            text,
    state           text,
    postal_code     text,
    latitude        double precision,
    longitude       double precision,
    h3_r9           bigint,
    filed_on        date,
    issued_on       date,
    valuation       numeric(14, 2),
    contractor      text,
    parcel          text,
    category        text        not null,
    category_reason text        not null,
    import_id       uuid,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    primary key (tenant_id, id)
);
-- A permit is its source's number and type (San Antonio files several permit types under one number).
create unique index permit_natural_uq on signals.permit (tenant_id, source, permit_number, permit_type);
create index permit_address_idx on signals.permit (tenant_id, address_key);
create index permit_cell_idx on signals.permit (tenant_id, h3_r9);
create index permit_category_idx on signals.permit (tenant_id, category, issued_on);

-- A company's own column mappings for permit files, and its Socrata (SODA) permit sources with their sync state.

create table signals.permit_profile (
    tenant_id  uuid        not null,
    name       text        not null,
    definition jsonb       not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    primary key (tenant_id, name)
);

create table signals.socrata_source (
    tenant_id        uuid        not null,
    id               uuid        not null,
    name             text        not null,
    dataset_url      text        not null,
    where_clause     text,
    date_field       text,
    profile          text        not null,
    app_token        bytea,
    last_value       text,
    last_run_at      timestamptz,
    last_import_id   uuid,
    last_failure     text,
    created_at       timestamptz not null,
    primary key (tenant_id, id)
);
create unique index socrata_source_name_uq on signals.socrata_source (tenant_id, lower(name));

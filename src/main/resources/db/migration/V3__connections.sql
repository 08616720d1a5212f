-- connections: a tenant's accounts with external providers. Secrets are stored only as AEAD ciphertexts.

create table connections.connection (
    tenant_id   uuid        not null,
    id          uuid        not null,
    type        text        not null,
    provider_id text        not null,
    name        text        not null,
    settings    jsonb       not null default '{}'::jsonb,
    status      text        not null check (status in ('ACTIVE', 'DISABLED')),
    created_by  uuid,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    primary key (tenant_id, id)
);
-- One active provider per capability; a second one is added disabled and switched over explicitly.
create unique index connection_active_type_uq on connections.connection (tenant_id, type) where status = 'ACTIVE';

create table connections.connection_secret (
    tenant_id     uuid        not null,
    connection_id uuid        not null,
    name          text        not null,
    ciphertext    bytea       not null,
    updated_at    timestamptz not null,
    primary key (tenant_id, connection_id, name),
    foreign key (tenant_id, connection_id) references connections.connection (tenant_id, id) on delete cascade
);

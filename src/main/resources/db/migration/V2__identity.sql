-- identity: companies (tenants), their users, sign-in challenges, API keys, the audit log and web sessions.
-- Tenant-owned tables are keyed by tenant_id first, so they can be distributed by tenant later (Citus).

create table identity.tenant (
    id          uuid primary key,
    name        text        not null,
    legal_name  text        not null,
    street      text,
    city        text,
    region      text,
    postal_code text,
    country     text        not null default 'US',
    phone       text,
    website     text,
    time_zone   text        not null default 'America/Chicago',
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);

create table identity.app_user (
    tenant_id       uuid        not null references identity.tenant (id),
    id              uuid        not null,
    email           text        not null,
    name            text        not null,
    phone           text,
    role            text        not null check (role in ('OWNER', 'MANAGER', 'REP')),
    status          text        not null check (status in ('INVITED', 'ACTIVE', 'DISABLED')),
    password_hash   text,
    totp_secret     bytea,
    totp_enabled_at timestamptz,
    totp_last_step  bigint,
    invited_by      uuid,
    created_at      timestamptz not null,
    last_sign_in_at timestamptz,
    primary key (tenant_id, id)
);
-- One account per email address across the installation: sign-in starts from an email or phone alone.
create unique index app_user_email_uq on identity.app_user (lower(email));
create unique index app_user_id_uq on identity.app_user (id);
create index app_user_phone_idx on identity.app_user (phone) where phone is not null;

create table identity.login_challenge (
    id           uuid primary key,
    tenant_id    uuid        not null,
    user_id      uuid        not null,
    kind         text        not null check (kind in ('EMAIL_LINK', 'SMS_CODE', 'INVITE')),
    secret_hash  bytea       not null,
    expires_at   timestamptz not null,
    attempts     int         not null default 0,
    max_attempts int         not null,
    consumed_at  timestamptz,
    created_at   timestamptz not null,
    requested_ip text
);
create unique index login_challenge_secret_uq on identity.login_challenge (secret_hash) where kind <> 'SMS_CODE';
create index login_challenge_expiry_idx on identity.login_challenge (expires_at);

create table identity.api_key (
    tenant_id    uuid        not null references identity.tenant (id),
    id           uuid        not null,
    name         text        not null,
    prefix       text        not null,
    secret_hash  bytea       not null,
    scope        text        not null check (scope in ('READ', 'WRITE')),
    created_by   uuid        not null,
    created_at   timestamptz not null,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    primary key (tenant_id, id)
);
create unique index api_key_prefix_uq on identity.api_key (prefix);

create table identity.audit_event (
    id          uuid primary key,
    tenant_id   uuid,
    actor_id    uuid,
    action      text        not null,
    summary     text        not null,
    ip          text,
    occurred_at timestamptz not null
);
create index audit_event_tenant_time_idx on identity.audit_event (tenant_id, occurred_at desc);

-- Spring Session JDBC: sessions live in the database, so app nodes are stateless and survive restarts.
create table identity.spring_session (
    primary_id            char(36) not null primary key,
    session_id            char(36) not null,
    creation_time         bigint   not null,
    last_access_time      bigint   not null,
    max_inactive_interval int      not null,
    expiry_time           bigint   not null,
    principal_name        varchar(100)
);
create unique index spring_session_ix1 on identity.spring_session (session_id);
create index spring_session_ix2 on identity.spring_session (expiry_time);
create index spring_session_ix3 on identity.spring_session (principal_name);

create table identity.spring_session_attributes (
    session_primary_id char(36)     not null references identity.spring_session (primary_id) on delete cascade,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    primary key (session_primary_id, attribute_name)
);

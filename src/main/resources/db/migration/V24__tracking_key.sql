-- outreach: the installation's key for signing open-pixel and click-redirect links, sealed like every secret.
create table outreach.tracking_key (
    id         smallint    primary key check (id = 1),
    ciphertext bytea       not null,
    created_at timestamptz not null
);

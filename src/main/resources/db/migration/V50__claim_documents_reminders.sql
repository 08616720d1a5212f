-- A claim's documents (the carrier's scope, photos, estimates), and the deadline reminders already sent, so each is
-- sent once.
create table claims.document (
    tenant_id    uuid        not null,
    id           uuid        not null,
    claim_id     uuid        not null,
    kind         text        not null check (kind in ('scope', 'photo', 'estimate', 'other')),
    file_name    text        not null,
    content_type text        not null,
    bytes        bytea       not null,
    size         integer     not null,
    uploaded_by  uuid,
    uploaded_at  timestamptz not null,
    primary key (tenant_id, id)
);
create index document_claim_idx on claims.document (tenant_id, claim_id, uploaded_at);

create table claims.reminder (
    tenant_id  uuid        not null,
    claim_id   uuid        not null,
    what       text        not null,
    due        date        not null,
    days_before integer    not null,
    sent_at    timestamptz not null,
    primary key (tenant_id, claim_id, what, due, days_before)
);

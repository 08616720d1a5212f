-- Provider callbacks (delivery reports) kept as they arrive, before the provider gets its 2xx, and applied to the
-- messages just after: writing them in shared commits is what lets thousands a second be stored durably.
create table outreach.callback_journal (
    id          bigint generated always as identity primary key,
    provider_id text        not null,
    tenant_id   uuid        not null,
    payload     text        not null,
    received_at timestamptz not null,
    applied_at  timestamptz
);
create index callback_journal_pending_idx on outreach.callback_journal (id) where applied_at is null;

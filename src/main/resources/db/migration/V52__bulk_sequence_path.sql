-- The sandbox's status callbacks (sent, delivered, a bounce, a call's progress) as rows of their own, each with
-- the moment it is due, rather than one scheduler job each: a poller applies the due ones by the hundred, in the
-- order a vendor would send them. A callback is deleted in the transaction that applies it, so a node that dies
-- while applying leaves it for the next.
create table outreach.sandbox_callback (
    id               bigint generated always as identity primary key,
    tenant_id        uuid        not null,
    vendor_id        text        not null,
    status           text        not null,
    failure_class    text,
    code             text,
    detail           text,
    duration_seconds integer,
    due_at           timestamptz not null
);
create index sandbox_callback_due_idx on outreach.sandbox_callback (due_at, id);

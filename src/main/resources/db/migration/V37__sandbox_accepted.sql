-- The sandbox's own side, as a vendor would keep it: every message it accepted, once per hand-over. A message
-- handed over twice (a node that died between the hand-over and recording it) shows here twice; the crash test
-- in bench/ counts those.
create table outreach.sandbox_accepted (
    id          bigint generated always as identity primary key,
    tenant_id   uuid        not null,
    message_id  uuid        not null,
    channel     text        not null,
    accepted_at timestamptz not null
);
create index sandbox_accepted_message_idx on outreach.sandbox_accepted (tenant_id, message_id);

-- outreach: which mailbox (connection) sent each message, and each mailbox's warm-up start and pause.
alter table outreach.message add column connection_id uuid;
alter table outreach.message add column handed_at timestamptz;
create index message_connection_day_idx on outreach.message (tenant_id, connection_id, created_at)
    where connection_id is not null;

create table outreach.mailbox_state (
    tenant_id      uuid        not null,
    connection_id  uuid        not null,
    first_sent_on  date        not null,
    -- Marketing sends today (UTC): a slot is taken atomically before each send, so parallel sends keep the cap.
    day            date,
    day_count      int         not null default 0,
    paused_at      timestamptz,
    pause_reason   text,
    primary key (tenant_id, connection_id)
);

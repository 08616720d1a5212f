-- outreach: who must not be emailed, why, and what came back.

-- Each email's opaque unsubscribe token: the one-click POST carries no cookie or sign-in, so the token alone names
-- the company and the recipient. Random, unguessable, and never reused.
alter table outreach.message add column unsubscribe_token text;
create unique index message_unsubscribe_token_uq on outreach.message (unsubscribe_token)
    where unsubscribe_token is not null;

-- Addresses a company must not email: checked when a message is queued and again just before it is handed over.
create table outreach.suppression (
    tenant_id  uuid        not null,
    address    text        not null,
    reason     text        not null check (reason in ('UNSUBSCRIBED', 'HARD_BOUNCE', 'COMPLAINT', 'SOFT_BOUNCES',
                                                      'MANUAL')),
    source     text        not null,
    detail     text,
    message_id uuid,
    created_at timestamptz not null,
    primary key (tenant_id, address)
);

-- Every failed recipient a bounce, a provider event or a complaint reported: the evidence behind a suppression,
-- the soft-bounce count that ends in giving up, and the bounce rates that pause a mailbox.
create table outreach.email_bounce (
    tenant_id   uuid        not null,
    id          uuid        not null,
    address     text        not null,
    message_id  uuid,
    status      text,
    reason      text        not null,
    hard        boolean     not null,
    complaint   boolean     not null default false,
    diagnostic  text,
    source      text        not null,
    received_at timestamptz not null,
    primary key (tenant_id, id)
);
create index email_bounce_address_idx on outreach.email_bounce (tenant_id, address, received_at);

-- How far each company's bounce mailbox has been read: IMAP UIDs only grow within one UIDVALIDITY.
create table outreach.mailbox_cursor (
    tenant_id    uuid        not null,
    mailbox      text        not null,
    uid_validity bigint      not null,
    last_uid     bigint      not null,
    polled_at    timestamptz not null,
    primary key (tenant_id, mailbox)
);

-- Sequences: multi-step outreach that works a lead until it answers, books, or runs out of steps.
create schema if not exists sequences;

create table sequences.sequence (
    tenant_id  uuid        not null,
    id         uuid        not null,
    name       text        not null,
    status     text        not null default 'ACTIVE' check (status in ('ACTIVE', 'PAUSED', 'ARCHIVED')),
    weekly_cap int         not null default 5 check (weekly_cap between 1 and 50),
    created_by uuid,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    primary key (tenant_id, id)
);
create unique index sequence_name_uq on sequences.sequence (tenant_id, lower(name)) where status <> 'ARCHIVED';

-- A step: what to do (email from a template, a text, a call script, a task for a rep), after how long, and when.
create table sequences.step (
    tenant_id    uuid not null,
    sequence_id  uuid not null,
    position     int  not null check (position >= 0),
    kind         text not null check (kind in ('EMAIL', 'SMS', 'CALL', 'TASK')),
    delay_amount int  not null check (delay_amount between 0 and 10000),
    delay_unit   text not null check (delay_unit in ('MINUTES', 'HOURS', 'DAYS', 'BUSINESS_DAYS')),
    condition    text not null default 'ALWAYS'
                 check (condition in ('ALWAYS', 'PREVIOUS_EMAIL_OPENED', 'PREVIOUS_EMAIL_NOT_OPENED',
                                      'PREVIOUS_EMAIL_CLICKED')),
    template_id  uuid,
    body         text,
    task_kind    text check (task_kind in ('DOOR_KNOCK', 'PHONE_CALL', 'POSTCARD')),
    primary key (tenant_id, sequence_id, position),
    foreign key (tenant_id, sequence_id) references sequences.sequence (tenant_id, id) on delete cascade
);

-- A lead working through a sequence. next_at is when its next step is due; while a node works on the step it is
-- pushed out by a lease, so other nodes leave it alone, and brought back if that node dies.
create table sequences.enrolment (
    tenant_id     uuid        not null,
    id            uuid        not null,
    sequence_id   uuid        not null,
    lead_id       uuid        not null,
    status        text        not null check (status in ('ACTIVE', 'COMPLETED', 'STOPPED')),
    stop_reason   text,
    next_position int         not null default 0,
    next_at       timestamptz,
    enrolled_by   uuid,
    enrolled_how  text        not null,
    enrolled_at   timestamptz not null,
    updated_at    timestamptz not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, sequence_id) references sequences.sequence (tenant_id, id)
);
create unique index enrolment_active_uq on sequences.enrolment (tenant_id, sequence_id, lead_id) where status = 'ACTIVE';
create index enrolment_due_idx on sequences.enrolment (next_at) where status = 'ACTIVE';
create index enrolment_lead_idx on sequences.enrolment (tenant_id, lead_id);

-- Each step of each enrolment, recorded (with its idempotency key) before it is carried out, then its outcome.
create table sequences.step_run (
    tenant_id       uuid        not null,
    enrolment_id    uuid        not null,
    position        int         not null,
    status          text        not null check (status in ('STARTED', 'SENT', 'TASK_CREATED', 'SKIPPED', 'FAILED')),
    idempotency_key text        not null,
    message_id      uuid,
    channel         text,
    detail          text,
    due_at          timestamptz not null,
    started_at      timestamptz not null,
    finished_at     timestamptz,
    primary key (tenant_id, enrolment_id, position),
    foreign key (tenant_id, enrolment_id) references sequences.enrolment (tenant_id, id) on delete cascade
);
create index step_run_message_idx on sequences.step_run (tenant_id, message_id) where message_id is not null;
create index step_run_sent_idx on sequences.step_run (tenant_id, finished_at) where status = 'SENT';

-- Work for a person that a sequence made: knock on the door, call, send a postcard.
create table sequences.task (
    tenant_id    uuid        not null,
    id           uuid        not null,
    enrolment_id uuid        not null,
    position     int         not null,
    lead_id      uuid        not null,
    assignee     uuid,
    kind         text        not null,
    title        text        not null,
    due_at       timestamptz not null,
    done_at      timestamptz,
    created_at   timestamptz not null,
    primary key (tenant_id, id),
    unique (tenant_id, enrolment_id, position)
);
create index task_assignee_idx on sequences.task (tenant_id, assignee, due_at) where done_at is null;

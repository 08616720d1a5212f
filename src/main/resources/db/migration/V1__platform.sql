-- platform: the sealed data keyset, the durable job table (db-scheduler) and the event publication registry
-- (Spring Modulith). Schemas for every module are created by Flyway (spring.flyway.schemas).

create table platform.secret_keyset (
    id            int primary key check (id = 1),
    sealed_keyset bytea       not null,
    version       bigint      not null,
    updated_at    timestamptz not null
);

create table platform.scheduled_tasks (
    task_name            text        not null,
    task_instance        text        not null,
    task_data            bytea,
    execution_time       timestamptz not null,
    picked               boolean     not null,
    picked_by            text,
    last_success         timestamptz,
    last_failure         timestamptz,
    consecutive_failures int,
    last_heartbeat       timestamptz,
    version              bigint      not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time_idx on platform.scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat_idx on platform.scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time_idx on platform.scheduled_tasks (priority desc, execution_time asc);

create table platform.event_publication (
    id                     uuid        not null primary key,
    listener_id            text        not null,
    event_type             text        not null,
    serialized_event       text        not null,
    publication_date       timestamptz not null,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamptz
);
create index event_publication_serialized_event_hash_idx on platform.event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on platform.event_publication (completion_date);

-- A storm's batch of roof analyses, kept so that any node shows its progress and a restart resumes it where it was:
-- the homes in order, how many are done, and who asked (the analyses are made in that person's name).
create table roof.batch (
    tenant_id    uuid        not null,
    id           uuid        not null,
    day          date        not null,
    min_inches   double precision not null,
    homes        uuid[]      not null,
    total        integer     not null,
    done         integer     not null default 0,
    failed       integer     not null default 0,
    problem      text,
    requested_by uuid        not null,
    role         text        not null,
    started_at   timestamptz not null,
    finished_at  timestamptz,
    primary key (tenant_id, id)
);
create index batch_started_idx on roof.batch (tenant_id, started_at desc);

-- A sandbox call's recording: the transcript spoken with local speech (there is no provider to record it).
create table voice.sandbox_recording (
    tenant_id  uuid        not null,
    call_id    uuid        not null,
    audio      bytea       not null,
    created_at timestamptz not null,
    primary key (tenant_id, call_id)
);

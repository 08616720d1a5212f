-- Do-not-call: the National Registry numbers a company downloaded for its area codes, and its own list (people who
-- asked this company not to call or text).
create table outreach.do_not_call (
    tenant_id uuid        not null,
    phone     text        not null,
    source    text        not null check (source in ('NATIONAL', 'INTERNAL')),
    note      text,
    added_at  timestamptz not null,
    primary key (tenant_id, phone, source)
);

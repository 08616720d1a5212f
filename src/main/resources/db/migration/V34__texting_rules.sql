-- A company's own texting and calling rules, tighter than the law: its own hours, and whether an opt-out on one
-- channel stops every marketing channel (the default) or only that one.
create table outreach.texting_rules (
    tenant_id            uuid    primary key,
    opens                time,
    closes               time,
    opt_out_all_channels boolean not null default true,
    check ((opens is null) = (closes is null) and (opens is null or opens < closes))
);

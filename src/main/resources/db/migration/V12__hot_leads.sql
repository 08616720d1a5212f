-- Hot-lead rules a company edits, and the alerts they fired. An alert is unique per home, rule and evidence (the
-- day of the hail and of the re-roofing wave behind it), so the same storm never alerts twice and a new one does.
create table insight.hot_rule (
    tenant_id           uuid        not null,
    id                  uuid        not null,
    name                text        not null,
    min_score           int         not null check (min_score between 0 and 100),
    min_hail_in         real        check (min_hail_in > 0),
    max_days_since_hail int         check (max_days_since_hail > 0),
    min_neighbours      int         check (min_neighbours > 0),
    in_wave             boolean     not null,
    notify_user_id      uuid,
    notify_channel      text        check (notify_channel in ('EMAIL', 'SMS')),
    enabled             boolean     not null,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    primary key (tenant_id, id),
    check ((notify_user_id is null) = (notify_channel is null))
);
create unique index hot_rule_name_uq on insight.hot_rule (tenant_id, lower(name));

create table insight.hot_alert (
    tenant_id   uuid        not null,
    property_id uuid        not null,
    rule_id     uuid        not null,
    evidence    text        not null,
    address     text        not null,
    score       int         not null,
    reasons     text        not null,
    fired_at    timestamptz not null,
    primary key (tenant_id, property_id, rule_id, evidence),
    foreign key (tenant_id, rule_id) references insight.hot_rule (tenant_id, id) on delete cascade
);
create index hot_alert_time_idx on insight.hot_alert (tenant_id, fired_at desc);

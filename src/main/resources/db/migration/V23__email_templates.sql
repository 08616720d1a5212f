-- outreach: email templates, and the HTML part of a sent email.

create table outreach.email_template (
    tenant_id    uuid        not null,
    id           uuid        not null,
    name         text        not null,
    subject      text        not null,
    body_html    text        not null,
    track_opens  boolean     not null default true,
    track_clicks boolean     not null default true,
    created_by   uuid,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    primary key (tenant_id, id)
);
create unique index email_template_name_uq on outreach.email_template (tenant_id, lower(name));

alter table outreach.message add column body_html text;
alter table outreach.message add column template_id uuid;

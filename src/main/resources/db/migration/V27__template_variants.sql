-- outreach: an optional B variant of a template's subject and body, and the variant each message got.
alter table outreach.email_template add column subject_b text;
alter table outreach.email_template add column body_html_b text;
alter table outreach.message add column variant text check (variant in ('A', 'B'));

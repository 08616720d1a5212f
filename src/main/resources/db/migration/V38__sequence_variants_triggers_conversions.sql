-- Sequences, second part: A/B variants per step, conditions that read the lead (score, stage, claim, delivery),
-- the stage that ends a sequence, re-enrolment rules and exclusions, triggers, and conversions attributed to the
-- sequence, step and channel that touched the lead last. And the job value of a lead, for revenue per sequence.
alter table sequences.step drop constraint step_condition_check;
alter table sequences.step add constraint step_condition_check
    check (condition in ('ALWAYS', 'PREVIOUS_EMAIL_OPENED', 'PREVIOUS_EMAIL_NOT_OPENED', 'PREVIOUS_EMAIL_CLICKED',
                         'PREVIOUS_NOT_DELIVERED', 'SCORE_AT_LEAST', 'SCORE_BELOW', 'STAGE_AT_LEAST', 'CLAIM_FILED',
                         'CLAIM_NOT_FILED'));
-- The threshold of SCORE_AT_LEAST / SCORE_BELOW (0-100), or the stage of STAGE_AT_LEAST.
alter table sequences.step add column condition_value text;
-- Variant B: another template (email) or text (text, call, task); half of the enrolments get it, by a hash.
alter table sequences.step add column variant_template_id uuid;
alter table sequences.step add column variant_body text;
alter table sequences.step add column ab_goal text not null default 'REPLY' check (ab_goal in ('REPLY', 'BOOKED'));
alter table sequences.step_run add column variant text check (variant in ('A', 'B'));
-- The first reply to an enrolment's messages, and the step whose message was answered (kept after it ended).
alter table sequences.enrolment add column replied_at timestamptz;
alter table sequences.enrolment add column replied_position int;

-- The stage at which a lead has what the sequence is for: reaching it (or any later one) ends the enrolment.
alter table sequences.sequence add column stop_stage text not null default 'INSPECTION_BOOKED';
-- Re-enrolment: null never again once enrolled; else after this many days from the end of the last enrolment.
alter table sequences.sequence add column reenrol_after_days int check (reenrol_after_days between 0 and 3650);
-- Exclusions: leave out leads working through another sequence, or touched by any sequence lately.
alter table sequences.sequence add column skip_if_in_other boolean not null default true;
alter table sequences.sequence add column skip_if_touched_days int check (skip_if_touched_days between 1 and 365);

-- What enrols leads without a person: a hot lead (of one rule or any), or hail of at least a size at a home on file.
create table sequences.trigger (
    tenant_id       uuid         not null,
    id              uuid         not null,
    sequence_id     uuid         not null,
    kind            text         not null check (kind in ('HOT_LEAD', 'STORM')),
    hot_rule_id     uuid,
    min_hail_inches numeric(4, 2) check (min_hail_inches between 0.25 and 6),
    zips            text,
    created_by      uuid,
    created_at      timestamptz  not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, sequence_id) references sequences.sequence (tenant_id, id) on delete cascade
);
create index trigger_kind_idx on sequences.trigger (tenant_id, kind);

-- A lead reaching a stage for the first time after a sequence touched it: credited to the last touch before it.
create table sequences.conversion (
    tenant_id    uuid        not null,
    lead_id      uuid        not null,
    stage        text        not null,
    reached_at   timestamptz not null,
    enrolment_id uuid        not null,
    sequence_id  uuid        not null,
    position     int         not null,
    channel      text,
    variant      text,
    primary key (tenant_id, lead_id, stage)
);
create index conversion_sequence_idx on sequences.conversion (tenant_id, sequence_id);

alter table leads.lead add column job_value numeric(12, 2) check (job_value >= 0);

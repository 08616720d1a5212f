-- insight: what homeowners did that shows interest (booked an inspection, asked for a quote, replied, clicked,
-- opened), per home, from the pipeline, the API and, as they land, the outreach channels. The strongest fresh one is
-- a factor of the lead score and can make a lead hot.
create table insight.engagement (
    tenant_id   uuid        not null,
    property_id uuid        not null,
    kind        text        not null check (kind in ('BOOKED', 'ASKED', 'REPLIED', 'CLICKED', 'OPENED')),
    occurred_on date        not null,
    source      text        not null,
    recorded_at timestamptz not null,
    primary key (tenant_id, property_id, kind, occurred_on)
);

alter table insight.home_score add column engagement text, add column engaged_on date;


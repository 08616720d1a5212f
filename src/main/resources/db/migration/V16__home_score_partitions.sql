-- insight.home_score becomes one partition per company, so that a pass which rewrites most of a company's homes
-- (the first pass, a new model) empties its own partition and COPYs the rows in, sorted by key, instead of updating a
-- million rows one by one; other companies' rows are untouched. The app creates a company's partition before its
-- first pass (InsightStore.ensurePartition); existing rows move to partitions of their own here.
alter table insight.home_score rename to home_score_v15;
drop index insight.home_score_cell_idx;
alter table insight.home_score_v15 rename constraint home_score_pkey to home_score_v15_pkey;

create table insight.home_score (
    tenant_id          uuid             not null,
    property_id        uuid             not null,
    address            text             not null,
    address_key        text,
    city               text,
    postal_code        text,
    latitude           double precision not null,
    longitude          double precision not null,
    h3_r7              bigint           not null,
    year_built         int,
    score              smallint         not null check (score between 0 and 100),
    fingerprint        bigint           not null,
    hail_in            real,
    hail_on            date,
    hail_mi            real,
    hail_reports       int              not null,
    wind_kt            real,
    wind_on            date,
    wind_mi            real,
    tornado            boolean          not null,
    radar_detections   int              not null,
    radar_on           date,
    roof_year          int,
    roof_source        text             not null,
    roof_confidence    real             not null,
    roof_evidence      text,
    recently_reroofed  boolean          not null,
    neighbours_reroofed int             not null,
    wave_size          int              not null,
    wave_since         date,
    zip_claims         int              not null,
    model              text             not null,
    as_of              date             not null,
    scored_at          timestamptz      not null,
    primary key (tenant_id, property_id)
) partition by list (tenant_id);
-- No index on the H3 cell any more: a storm pass scans its company's partition (a million rows in well under a
-- second), and keeping that index up cost a full rewrite more than the rest of the COPY together.

do $$
declare
    t uuid;
begin
    for t in select distinct tenant_id from insight.home_score_v15 loop
        execute format('create table insight.%I partition of insight.home_score for values in (%L) with (fillfactor = 85)',
                       'home_score_' || replace(t::text, '-', ''), t);
    end loop;
end $$;

insert into insight.home_score select * from insight.home_score_v15;
drop table insight.home_score_v15;

-- A rescoring pass: the stored features scored again by a newly trained model, without the analysis.
alter table insight.analysis_run drop constraint analysis_run_kind_check;
alter table insight.analysis_run add constraint analysis_run_kind_check check (kind in ('FULL', 'STORMS', 'RESCORE'));

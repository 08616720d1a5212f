-- insight: what the analysis found about each home (storm exposure, roof age, neighbours, re-roofing waves, area
-- claims), its lead score, and the re-roofing waves of the last pass. The score's explanation is rebuilt from these
-- columns by the model named in `model`, as of `as_of`, so every point shown adds up to the score stored.
create schema if not exists insight;

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
) with (fillfactor = 85);
-- Incremental passes read the homes of the cells a new storm touched.
create index home_score_cell_idx on insight.home_score (tenant_id, h3_r7);

create table insight.wave (
    tenant_id       uuid             not null,
    number          int              not null,
    as_of           date             not null,
    size            int              not null,
    latitude        double precision not null,
    longitude       double precision not null,
    hull            jsonb            not null,
    first_on        date             not null,
    last_on         date             not null,
    top_contractors jsonb            not null,
    primary key (tenant_id, number)
);

-- One row per analysis pass, for the status line and the operators.
create table insight.analysis_run (
    tenant_id   uuid        not null,
    id          uuid        not null,
    kind        text        not null check (kind in ('FULL', 'STORMS')),
    as_of       date        not null,
    started_at  timestamptz not null,
    finished_at timestamptz,
    homes       int,
    written     int,
    millis      bigint,
    primary key (tenant_id, id)
);

-- A company's analysis settings. `as_of` pins the day the analysis reads the data as of (a demo region of past
-- storms); null means today.
create table insight.settings (
    tenant_id  uuid        not null primary key,
    as_of      date,
    updated_at timestamptz not null
);

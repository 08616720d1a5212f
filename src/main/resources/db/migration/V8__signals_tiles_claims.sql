-- NEXRAD hail-signature tiles (a swath proxy beside the ground reports), area insurance-claim counts, and the
-- source of each storm report.

create table signals.hail_tile (
    tenant_id  uuid             not null,
    day        date             not null,
    latitude   double precision not null,
    longitude  double precision not null,
    detections int              not null check (detections > 0),
    h3_r7      bigint           not null,
    import_id  uuid,
    created_at timestamptz      not null,
    updated_at timestamptz      not null,
    primary key (tenant_id, day, latitude, longitude)
);
create index hail_tile_cell_idx on signals.hail_tile (tenant_id, h3_r7, day);

create table signals.area_claim (
    tenant_id    uuid        not null,
    area_type    text        not null check (area_type in ('ZIP', 'TRACT')),
    area_code    text        not null,
    period_start date        not null,
    period_end   date        not null,
    peril        text        not null,
    claims       int         not null check (claims >= 0),
    source       text,
    import_id    uuid,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    primary key (tenant_id, area_type, area_code, period_start, period_end, peril),
    check (period_end >= period_start)
);
create index area_claim_period_idx on signals.area_claim (tenant_id, period_start);

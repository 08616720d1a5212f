-- property: homes with their normalised address and H3 cells, buildings with footprints, owners and contacts,
-- contact points (E.164 phones, emails) and the consent ledger. Created here as well as by spring.flyway.schemas,
-- because Flyway creates listed schemas only on a fresh database.
create schema if not exists property;

create table property.property (
    tenant_id       uuid        not null,
    id              uuid        not null,
    address         text        not null,
    address_key     text        not null,
    unit_key        text        not null default '',
    house_number    text,
    city            text,
    state           text,
    postal_code     text,
    latitude        double precision,
    longitude       double precision,
    h3_r7           bigint,
    h3_r8           bigint,
    h3_r9           bigint,
    location_source text,
    year_built      int,
    time_zone       text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    primary key (tenant_id, id),
    check ((latitude is null) = (longitude is null))
);
-- One property per normalised street line, unit and ZIP ('' when the source gave none).
create unique index property_address_uq on property.property (tenant_id, address_key, unit_key, coalesce(postal_code, ''));
create index property_house_idx on property.property (tenant_id, house_number, latitude);
create index property_r7_idx on property.property (tenant_id, h3_r7);
create index property_r8_idx on property.property (tenant_id, h3_r8) include (latitude, longitude);
create index property_r9_idx on property.property (tenant_id, h3_r9);
create index property_lat_idx on property.property (tenant_id, latitude);

create table property.building (
    tenant_id    uuid             not null,
    id           uuid             not null,
    property_id  uuid,
    source       text             not null,
    source_id    text             not null,
    kind         text,
    geometry     jsonb            not null,
    area_m2      double precision not null,
    centroid_lat double precision not null,
    centroid_lon double precision not null,
    min_lat      double precision not null,
    max_lat      double precision not null,
    min_lon      double precision not null,
    max_lon      double precision not null,
    h3_r9        bigint           not null,
    address      text,
    address_key  text,
    postal_code  text,
    levels       int,
    link_method  text check (link_method in ('ADDRESS', 'CONTAINMENT')),
    import_id    uuid,
    created_at   timestamptz      not null,
    updated_at   timestamptz      not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, property_id) references property.property (tenant_id, id)
);
-- OSM way/relation id, the feature id, or a hash of the ring for sources without ids.
create unique index building_source_uq on property.building (tenant_id, source, source_id);
create index building_property_idx on property.building (tenant_id, property_id);
create index building_lat_idx on property.building (tenant_id, min_lat) where property_id is null;
create index building_cell_idx on property.building (tenant_id, h3_r9);

create table property.contact (
    tenant_id        uuid        not null,
    id               uuid        not null,
    property_id      uuid        not null,
    full_name        text        not null,
    name_key         text        not null,
    first_name       text,
    last_name        text,
    role             text        not null default 'OWNER',
    mailing_address  text,
    mailing_city     text,
    mailing_state    text,
    mailing_zip      text,
    time_zone        text,
    time_zone_source text check (time_zone_source in ('ZIP', 'AREA_CODE')),
    fictitious       boolean     not null default false,
    import_id        uuid,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, property_id) references property.property (tenant_id, id)
);
create unique index contact_name_uq on property.contact (tenant_id, property_id, name_key);

create table property.contact_point (
    tenant_id  uuid        not null,
    contact_id uuid        not null,
    channel    text        not null check (channel in ('PHONE', 'EMAIL')),
    value      text        not null,
    line_type  text,
    usable     boolean     not null default true,
    note       text,
    created_at timestamptz not null,
    primary key (tenant_id, contact_id, channel, value),
    foreign key (tenant_id, contact_id) references property.contact (tenant_id, id) on delete cascade
);
create index contact_point_value_idx on property.contact_point (tenant_id, channel, value);

-- The consent ledger: append-only, the latest entry per contact and channel is the state.
create table property.consent (
    tenant_id   uuid        not null,
    id          uuid        not null,
    contact_id  uuid        not null,
    channel     text        not null check (channel in ('SMS', 'CALL', 'EMAIL')),
    granted     boolean     not null,
    kind        text        not null check (kind in ('EXPRESS_WRITTEN', 'VERBAL', 'IMPORTED_WITH_PROOF', 'OPT_OUT')),
    source      text        not null,
    given_at    timestamptz not null,
    text_shown  text,
    ip          text,
    import_id   uuid,
    recorded_at timestamptz not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, contact_id) references property.contact (tenant_id, id) on delete cascade
);
-- Re-importing the same consent changes nothing.
create unique index consent_natural_uq on property.consent (tenant_id, contact_id, channel, given_at, granted, source);
create index consent_latest_idx on property.consent (tenant_id, contact_id, channel, given_at desc);

-- imagery: the ground an image pixel spans (aerial), to place the footprint on the image; may be finer than the
-- detail the source has (resolution_m).
alter table imagery.image add column pixel_m double precision;

-- roof: analyses of a property's roof image (the findings as JSON, the urgency and verdict as columns for ranking),
-- and the labels the company's people give roofs (confirm or correct a verdict), which train its models.
create schema if not exists roof;

create table roof.analysis (
    tenant_id   uuid        not null,
    id          uuid        not null,
    property_id uuid        not null,
    image_id    uuid        not null,
    urgency     integer     not null check (urgency between 0 and 100),
    verdict     text        not null,
    result      jsonb       not null,
    analysed_by uuid,
    analysed_at timestamptz not null,
    primary key (tenant_id, id)
);
create index analysis_property_idx on roof.analysis (tenant_id, property_id, analysed_at desc);
create index analysis_urgency_idx on roof.analysis (tenant_id, urgency desc);

create table roof.label (
    tenant_id   uuid        not null,
    id          uuid        not null,
    property_id uuid        not null,
    image_id    uuid,
    task        text        not null check (task in ('damage', 'material', 'condition', 'tarp', 'missing', 'moss', 'staining', 'ponding')),
    label       text        not null,
    labelled_by uuid        not null,
    labelled_at timestamptz not null,
    primary key (tenant_id, id)
);
create index label_property_idx on roof.label (tenant_id, property_id, labelled_at desc);

-- A company's own roof models, trained on its labels: per task, the newest is used.
create table roof.model (
    tenant_id   uuid        not null,
    id          uuid        not null,
    task        text        not null,
    examples    integer     not null,
    labels      text        not null,
    accuracy    double precision not null,
    model       bytea       not null,
    trained_at  timestamptz not null,
    primary key (tenant_id, id)
);
create index model_task_idx on roof.model (tenant_id, task, trained_at desc);

-- A company's repair-or-replace rules and price table (RoofRules as JSON); the defaults apply until it saves its own.
create table roof.settings (
    tenant_id  uuid        primary key,
    rules      jsonb       not null,
    updated_at timestamptz not null
);

-- Close-range photos of a roof (drone, phone on the roof) with their scale and the hail candidates found on them.
create table roof.photo (
    tenant_id     uuid        not null,
    id            uuid        not null,
    property_id   uuid        not null,
    file_name     text        not null,
    content_type  text        not null,
    bytes         bytea       not null,
    width         integer     not null,
    height        integer     not null,
    mm_per_pixel  double precision not null,
    result        jsonb       not null,
    uploaded_by   uuid        not null,
    uploaded_at   timestamptz not null,
    primary key (tenant_id, id)
);
create index photo_property_idx on roof.photo (tenant_id, property_id, uploaded_at desc);

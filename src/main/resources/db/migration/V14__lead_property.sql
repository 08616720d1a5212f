-- leads: a lead started from a scored home remembers the home, so won and lost leads become the outcomes a
-- company's own scoring model learns from.
alter table leads.lead add column property_id uuid;
create index lead_property_idx on leads.lead (tenant_id, property_id) where property_id is not null;

-- signals: a permit's H3 cell and its category and date are indexed for the roofing permits only. Nothing looks the
-- other permits up by place (the analysis reads roofing permits by place; a home's own permits are found by
-- address) or lists them by category and date often enough to pay for it: keeping both keys for every permit cost
-- a third of an import's time, and most permits in a city's feed are not about roofs.
drop index signals.permit_cell_idx;
create index permit_cell_idx on signals.permit (tenant_id, h3_r9) where category <> 'NOT_ROOFING';
drop index signals.permit_category_idx;
create index permit_category_idx on signals.permit (tenant_id, category, issued_on) where category <> 'NOT_ROOFING';

-- Where a label came from: a look at the image, or an inspection on the roof (which outranks a look when a model is
-- trained or measured).
alter table roof.label add column source text not null default 'image' check (source in ('image', 'inspection'));

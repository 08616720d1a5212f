-- Roof models supplied as ONNX beside the ones trained here: which kind, its file name and description, whether it is
-- the model in use for its task (one at most; the better-measured one on the company's own labels), and why.
alter table roof.model add column kind text not null default 'built-in';
alter table roof.model add column name text not null default 'gradient-boosted trees';
alter table roof.model add column description text;
alter table roof.model add column in_use boolean not null default true;
alter table roof.model add column note text not null default '';
update roof.model m set in_use = false
 where exists (select 1 from roof.model n where n.tenant_id = m.tenant_id and n.task = m.task
               and n.trained_at > m.trained_at);
create unique index model_in_use_idx on roof.model (tenant_id, task) where in_use;

-- Calls to the company's number answered by the assistant: a third kind of voice call, with no outreach message
-- behind it (its message id only names its webhook addresses).
alter table voice.call drop constraint call_kind_check;
alter table voice.call add constraint call_kind_check check (kind in ('agent', 'click_to_call', 'inbound'));
create index call_number_idx on voice.call (tenant_id, to_number, created_at desc);

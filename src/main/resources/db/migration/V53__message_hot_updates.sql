-- outreach: a message changes status four or five times (claimed, handed over, sent, delivered). The index of
-- messages in flight was keyed on updated_at with a predicate on status, so every one of those changes wrote a new
-- entry into every index of the table. Keyed instead on what does not change after the hand-over (created_at, while
-- handed_at is null and no failure is recorded), the claim and the provider's status reports touch no indexed
-- column, and PostgreSQL can update the row in place (a HOT update) when its page has room: hence the fill factor.
alter table outreach.message set (fillfactor = 75);
drop index outreach.message_in_flight_idx;
create index message_unhanded_idx on outreach.message (created_at) where handed_at is null and failure_class is null;

-- The tables a storm day's sequences write to most: their statistics are refreshed after 2% of their rows change
-- rather than 10%, so the planner keeps looking batches of rows up by key while the tables grow fast (with stale
-- statistics it took a table of thousands of rows for a few dozen and scanned it for every batch).
alter table outreach.message set (autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_scale_factor = 0.05);
alter table outreach.message_status_change set (autovacuum_analyze_scale_factor = 0.02);
alter table sequences.step_run set (autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_scale_factor = 0.05);
alter table sequences.enrolment set (autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_scale_factor = 0.05);
alter table outreach.sandbox_callback set (autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_scale_factor = 0.02);
